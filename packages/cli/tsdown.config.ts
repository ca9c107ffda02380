import { packageConfig } from "../../tsdown.config.base.ts";

// The worker of `prepare --workers N` is its own entry: worker threads load it by file name, next to the CLI's chunks.
export default packageConfig({ bin: "src/bin.ts", index: "src/index.ts", "record-worker": "src/pipeline/record-worker.ts" }, { platform: "node" });
