import { createRequire } from "node:module";

// Read at run time: src/ and dist/ both sit one level below package.json.
const packageJson = createRequire(import.meta.url)("../package.json") as { version: string };

export const VERSION = packageJson.version;
