import { packageConfig } from "../../tsdown.config.base.ts";

// `index` runs anywhere (browsers included); `node` holds the file-reading and native-binding parts.
export default packageConfig(["src/index.ts", "src/node.ts"]);
