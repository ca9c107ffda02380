"""What the scripts beside this one share: one JSON document in on stdin, one out on stdout, and the output of
`training-templates prepare` loaded the way a user loads it, with `datasets.load_dataset("parquet", ...)`.

Exit codes: 0 ok, 3 a module is missing (the message names it), 2 bad input.
"""

import json
import os
import sys

# Everything these scripts read is on disk: no library should ask the Hub (the tests run offline).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def require(*modules):
    """Imports the modules by name, or exits with 3 naming the first one this Python lacks."""
    loaded = []
    for name in modules:
        try:
            loaded.append(__import__(name))
        except ImportError as error:
            sys.stderr.write("%s is not installed for this Python (%s): %s\n" % (name, sys.executable, error))
            sys.exit(3)
    return loaded


def claim_stdout():
    """Keeps stdout for the JSON answer alone: libraries (the Rust tokenizers, torch) print to file descriptor 1
    directly, so fd 1 is pointed at stderr and the answer goes to a saved copy of the real stdout."""
    answer = os.fdopen(os.dup(1), "w", encoding="ascii")
    sys.stdout.flush()
    os.dup2(2, 1)
    return answer


def read_request(script):
    try:
        return json.loads(sys.stdin.buffer.read().decode("utf-8"))
    except Exception as error:
        sys.stderr.write("%s: bad input: %s\n" % (script, error))
        sys.exit(2)


def write_answer(answer, document):
    answer.write(json.dumps(document, ensure_ascii=True, allow_nan=False))
    answer.flush()


def load_prepared(datasets, request):
    """The Parquet shards as one `train` split, cached in the caller's scratch folder rather than ~/.cache."""
    datasets.disable_progress_bars()
    return datasets.load_dataset(
        "parquet", data_files=request["dataFiles"], split="train", cache_dir=request["cacheDir"]
    )
