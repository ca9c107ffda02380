"""Assistant masks as real transformers computes them (`apply_chat_template(..., return_assistant_tokens_mask=True)`).

argv[1]: a tokenizer directory for AutoTokenizer.from_pretrained
stdin:  {"jobs": [{"chatTemplate": str, "messages": [...], "tools": [...]?, "add_generation_prompt": bool?,
                   "kwargs": {...}?}]}
stdout: {"results": [{"input_ids": [int], "assistant_masks": [0|1]} | {"error": str, "errorType": str}]}

Exit codes: 0 ok, 3 transformers missing, 2 bad input.
"""

import json
import os
import sys

try:
    import transformers
except ImportError:
    sys.stderr.write("transformers is not installed for this Python (%s)\n" % sys.executable)
    sys.exit(3)


def as_int_list(value):
    return [int(x) for x in (value.tolist() if hasattr(value, "tolist") else value)]


def masks_for(tokenizer, job):
    out = tokenizer.apply_chat_template(
        job["messages"],
        tools=job.get("tools"),
        documents=job.get("documents"),
        chat_template=job["chatTemplate"],
        tokenize=True,
        return_dict=True,
        return_assistant_tokens_mask=True,
        add_generation_prompt=job.get("add_generation_prompt", False),
        **(job.get("kwargs") or {}),
    )
    return {"input_ids": as_int_list(out["input_ids"]), "assistant_masks": as_int_list(out["assistant_masks"])}


def claim_stdout():
    """Keeps stdout for the JSON answer alone: libraries (the Rust tokenizers among them) print warnings to file
    descriptor 1 directly, so fd 1 is pointed at stderr and the answer goes to a saved copy of the real stdout."""
    answer = os.fdopen(os.dup(1), "w", encoding="ascii")
    sys.stdout.flush()
    os.dup2(2, 1)
    return answer


def main():
    answer = claim_stdout()
    try:
        tokenizer_dir = sys.argv[1]
        jobs = json.loads(sys.stdin.buffer.read().decode("utf-8"))["jobs"]
    except Exception as error:
        sys.stderr.write("transformers_masks.py: bad input: %s\n" % error)
        sys.exit(2)
    transformers.logging.set_verbosity_error()
    tokenizer = transformers.AutoTokenizer.from_pretrained(tokenizer_dir)
    results = []
    for job in jobs:
        try:
            results.append(masks_for(tokenizer, job))
        except Exception as error:
            results.append({"error": str(error), "errorType": type(error).__name__})
    answer.write(json.dumps({"results": results}, ensure_ascii=True))
    answer.flush()


if __name__ == "__main__":
    main()
