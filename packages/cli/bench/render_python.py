"""Render benchmark under Python: transformers' own chat template compiler and renderer, timed inside one process (CPU time, as the JavaScript side).

stdin:  {"passes": int, "now": "ISO-8601 UTC instant", "cases": [{"name": str, "template": str, "contexts": [{...}, ...]}]}
stdout: {"python": str, "jinja2": str, "transformers": str,
         "results": [{"name": str, "medianMs": float, "ok": int, "texts": [str | null, ...]}]}

Each render is transformers' `_render_with_assistant_indices` on the template compiled by `_compile_jinja_template`
(ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks, the `{% generation %}` tracker, loopcontrols, its
`tojson`, `raise_exception` and `strftime_now`): what `apply_chat_template(..., return_assistant_tokens_mask=True)`
does to render. Compilation happens before timing (transformers caches it too). `texts` are the first pass's
outputs (None where the template raised), for the caller to check that both sides rendered the same text.
"""

import json
import platform
from datetime import datetime
import statistics
import sys
import time

import jinja2
import transformers
from transformers.utils.chat_template_utils import _compile_jinja_template, _render_with_assistant_indices

ARGUMENTS = ("messages", "tools", "documents", "add_generation_prompt")


def render(compiled, context):
    kwargs = {key: value for key, value in context.items() if key not in ARGUMENTS}
    text, _ = _render_with_assistant_indices(
        compiled,
        context.get("messages"),
        context.get("tools"),
        context.get("documents"),
        context.get("add_generation_prompt", False),
        **kwargs,
    )
    return text


def one_pass(compiled, contexts):
    texts = []
    for context in contexts:
        try:
            texts.append(render(compiled, context))
        except Exception:
            texts.append(None)
    return texts


def main():
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    passes = request["passes"]
    # The same fixed clock as the JavaScript side (naive local time, as transformers' datetime.now()).
    fixed = datetime.fromisoformat(request["now"].replace("Z", "+00:00")).astimezone().replace(tzinfo=None)
    results = []
    for case in request["cases"]:
        compiled = _compile_jinja_template(case["template"])
        compiled.environment.globals["strftime_now"] = fixed.strftime
        contexts = case["contexts"]
        texts = one_pass(compiled, contexts)  # warm-up, and the texts to compare
        times = []
        for _ in range(passes):
            started = time.process_time()
            one_pass(compiled, contexts)
            times.append((time.process_time() - started) * 1000)
        results.append(
            {
                "name": case["name"],
                "medianMs": statistics.median(times),
                "ok": sum(1 for text in texts if text is not None),
                "texts": texts,
            }
        )
    sys.stdout.write(
        json.dumps(
            {
                "python": platform.python_version(),
                "jinja2": jinja2.__version__,
                "transformers": transformers.__version__,
                "results": results,
            },
            ensure_ascii=True,
        )
    )


if __name__ == "__main__":
    main()
