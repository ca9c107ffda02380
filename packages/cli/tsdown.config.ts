import { packageConfig } from "../../tsdown.config.base.ts";

export default packageConfig(["src/bin.ts", "src/index.ts"], { platform: "node" });
