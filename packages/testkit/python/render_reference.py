"""Reference renderer: chat templates under Python Jinja2, configured as transformers 5.x `apply_chat_template` does.

stdin:  {"jobs": [{"template": str, "context": {...}, "now": "ISO-8601 datetime" (optional)}]}
stdout: {"results": [{"text": str, "spans": [[start, end], ...]} | {"error": str, "errorType": str}]}

Spans are the output ranges of `{% generation %}` blocks in UTF-16 code units (JavaScript string indices).

Why not transformers' own AssistantTracker: it takes a block's start as the length of what the template had streamed
so far, which is wrong for a block rendered inside a macro or captured by `{% set %}` (its output lands elsewhere, or
nowhere). Here a block wraps its output in marker characters instead, the markers are located in the final text and
removed, so every span is where the text really is and a block whose output is discarded has no span. Because
markers could in principle change what a filter sees (`|length`, `|trim` on a captured block), a template that has
generation blocks is also rendered without markers and the two texts must agree; if they do not, the job reports a
SpanTrackingError rather than wrong spans.

Exit codes: 0 ok, 3 Jinja2 missing, 2 bad input.
"""

import json
import sys
from datetime import datetime, timezone

try:
    import jinja2
    import jinja2.ext
    from jinja2 import nodes
    from jinja2.ext import Extension
    from jinja2.sandbox import ImmutableSandboxedEnvironment
except ImportError:
    sys.stderr.write("Jinja2 is not installed for this Python (%s)\n" % sys.executable)
    sys.exit(3)

# Noncharacters: never produced by a template on its own, and not something real chat text carries.
SPAN_START = "\ufdd0"
SPAN_END = "\ufdd1"


class GenerationSpans(Extension):
    """`{% generation %}...{% endgeneration %}`: renders its body unchanged, between markers while marking is on."""

    tags = {"generation"}
    marking = False
    parsed_blocks = 0

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        GenerationSpans.parsed_blocks += 1
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_generation"), [], [], body).set_lineno(lineno)

    def _generation(self, caller):
        rendered = caller()
        if GenerationSpans.marking:
            return SPAN_START + rendered + SPAN_END
        return rendered


class FixedClock:
    """`strftime_now` reads the job's `now`, so results do not depend on when the batch runs."""

    now = None

    @classmethod
    def strftime_now(cls, fmt):
        # transformers uses datetime.now(): naive local time. A job's instant is given in UTC, shown naive the same way.
        return (cls.now or datetime.now()).strftime(fmt)


def parse_now(value):
    if value is None:
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        # Shown as local time, naive, as transformers' datetime.now() is (and as the JS side formats a Date).
        moment = moment.astimezone().replace(tzinfo=None)
    return moment


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def make_environment():
    env = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[GenerationSpans, jinja2.ext.loopcontrols]
    )
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = FixedClock.strftime_now
    return env


def utf16_length(text):
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def strip_markers(marked):
    """The text without markers, and each block's [start, end) in UTF-16 units, ordered by start."""
    pieces = []
    spans = []
    open_starts = []
    position = 0
    run_start = 0
    for index, ch in enumerate(marked):
        if ch != SPAN_START and ch != SPAN_END:
            continue
        run = marked[run_start:index]
        pieces.append(run)
        position += utf16_length(run)
        run_start = index + 1
        if ch == SPAN_START:
            open_starts.append((position, len(spans)))
            spans.append(None)
        else:
            if not open_starts:
                return None, None
            start, slot = open_starts.pop()
            spans[slot] = [start, position]
    if open_starts:
        return None, None
    pieces.append(marked[run_start:])
    return "".join(pieces), spans


class SpanTrackingError(Exception):
    pass


class Compiled:
    def __init__(self, template, tracked):
        self.template = template
        self.tracked = tracked


def compile_template(env, cache, source):
    entry = cache.get(source)
    if entry is None:
        try:
            blocks_before = GenerationSpans.parsed_blocks
            template = env.from_string(source)
            entry = Compiled(template, GenerationSpans.parsed_blocks > blocks_before)
        except Exception as error:  # a template that does not compile fails every job that uses it, the same way
            entry = error
        cache[source] = entry
    if isinstance(entry, Exception):
        raise entry
    return entry


def render_job(env, cache, job):
    compiled = compile_template(env, cache, job["template"])
    context = job.get("context") or {}
    FixedClock.now = parse_now(job.get("now"))
    GenerationSpans.marking = False
    text = compiled.template.render(**context)
    if not compiled.tracked:
        return {"text": text, "spans": []}
    GenerationSpans.marking = True
    try:
        marked = compiled.template.render(**context)
    finally:
        GenerationSpans.marking = False
    unmarked, spans = strip_markers(marked)
    if unmarked != text:
        raise SpanTrackingError(
            "the template transforms a {% generation %} block's output (or the text holds U+FDD0/U+FDD1), "
            "so its position cannot be tracked"
        )
    return {"text": text, "spans": spans}


def main():
    try:
        request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        jobs = request["jobs"]
    except Exception as error:
        sys.stderr.write("render_reference.py: bad input: %s\n" % error)
        sys.exit(2)
    env = make_environment()
    cache = {}
    results = []
    for job in jobs:
        try:
            results.append(render_job(env, cache, job))
        except Exception as error:
            results.append({"error": str(error), "errorType": type(error).__name__})
    # ASCII output: safe whatever stdout's encoding, and carries any lone surrogate a context held.
    sys.stdout.write(json.dumps({"results": results}, ensure_ascii=True))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
