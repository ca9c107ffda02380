import { packageConfig } from "../../tsdown.config.base.ts";

// The worker of `prepare --workers N` and the Parquet encoding thread are entries of their own: worker threads load
// them by file name, next to the CLI's chunks.
export default packageConfig(
  { bin: "src/bin.ts", index: "src/index.ts", "record-worker": "src/pipeline/record-worker.ts", "parquet-worker": "src/io/parquet-worker.ts" },
  { platform: "node" },
);
