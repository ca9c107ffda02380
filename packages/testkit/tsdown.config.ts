import { packageConfig } from "../../tsdown.config.base.ts";

// `python` is the Python reference bridge alone, importable without vitest.
export default packageConfig(["src/index.ts", "src/python.ts"], { platform: "node" });
