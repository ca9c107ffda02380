"""The Python anchor of issue 17, run by prepare-floor.bench.ts from the reference venv: what a Python user writes to
get the same rows as `prepare`, with transformers alone, one process, one conversation at a time.

    python prepare_python.py TOKENIZER_DIR TEMPLATE_FILE INPUT.jsonl OUTPUT.jsonl

Each input record ({"messages", "tools"?, "documents"?, "add_generation_prompt"?, "chat_template_kwargs"?}, as
`prepare` reads it) goes through `apply_chat_template(messages, tools=..., chat_template=<the training template>,
tokenize=True, return_dict=True, return_assistant_tokens_mask=True, ...)`, and its row is written as JSON Lines with
the four arrays `prepare` writes (labels: the id where assistant_masks is 1, else -100). A record transformers refuses
is written as {"error": ...}, so rows stay aligned with the input.

At the end it prints, as `prepare`'s summary does, `records:`, `rejected:`, `tokens:` and `time: S s` on stderr; the
clock runs from the tokenizer being loaded to the last row written, as `prepare`'s does.
"""

import json
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import transformers  # noqa: E402


def row_of(tokenizer, template, record):
    out = tokenizer.apply_chat_template(
        record["messages"],
        tools=record.get("tools"),
        documents=record.get("documents"),
        chat_template=template,
        tokenize=True,
        return_dict=True,
        return_assistant_tokens_mask=True,
        add_generation_prompt=record.get("add_generation_prompt", False),
        **(record.get("chat_template_kwargs") or {}),
    )
    ids = list(out["input_ids"])
    masks = list(out["assistant_masks"])
    return {
        "input_ids": ids,
        "attention_mask": list(out["attention_mask"]),
        "assistant_masks": masks,
        "labels": [token if mask else -100 for token, mask in zip(ids, masks)],
    }


def main():
    tokenizer_dir, template_path, input_path, output_path = sys.argv[1:5]
    transformers.logging.set_verbosity_error()
    with open(template_path, encoding="utf-8") as file:
        template = file.read()
    tokenizer = transformers.AutoTokenizer.from_pretrained(tokenizer_dir)
    started = time.perf_counter()
    records = rejected = tokens = 0
    with open(input_path, encoding="utf-8") as source, open(output_path, "w", encoding="utf-8") as sink:
        for line in source:
            if not line.strip():
                continue
            try:
                row = row_of(tokenizer, template, json.loads(line))
            except Exception as error:  # a record the template refuses: reported, and the run goes on
                rejected += 1
                sink.write(json.dumps({"error": "%s: %s" % (type(error).__name__, error)}) + "\n")
                continue
            sink.write(json.dumps(row, separators=(",", ":")) + "\n")
            records += 1
            tokens += len(row["input_ids"])
    seconds = time.perf_counter() - started
    sys.stderr.write("records: %d\nrejected: %d\ntokens: %d\ntime: %.3f s\n" % (records, rejected, tokens, seconds))


if __name__ == "__main__":
    main()
