"""Loads the Parquet output of `training-templates prepare` with `datasets.load_dataset("parquet", data_files=...)`
and answers with every row and the column types, for the test to compare with the JSONL output of the same run.

stdin:  {"dataFiles": str | [str], "cacheDir": str}
stdout: {"numRows": int, "columns": [str],
         "features": {column: {"feature": str, "arrowType": str, "isInt32List": bool}},
         "rows": [{column: value}]}
"""

from prepared_output import claim_stdout, load_prepared, read_request, require, write_answer

datasets, pyarrow = require("datasets", "pyarrow")


def describe(feature, arrow_type):
    # datasets 5 reads list<int32> as List(Value("int32")); the Arrow type says the same from the file's side.
    value = getattr(feature, "feature", None)
    return {
        "feature": repr(feature),
        "arrowType": str(arrow_type),
        "isInt32List": type(feature).__name__ == "List"
        and getattr(value, "dtype", None) == "int32"
        and pyarrow.types.is_list(arrow_type)
        and arrow_type.value_type == pyarrow.int32(),
    }


def main():
    answer = claim_stdout()
    request = read_request("load_parquet.py")
    dataset = load_prepared(datasets, request)
    schema = dataset.data.schema
    write_answer(
        answer,
        {
            "numRows": dataset.num_rows,
            "columns": dataset.column_names,
            "features": {name: describe(dataset.features[name], schema.field(name).type) for name in dataset.column_names},
            "rows": dataset.to_list(),
        },
    )


if __name__ == "__main__":
    main()
