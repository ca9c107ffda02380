// Node-only parts: reading tokenizer folders and the native `tokenizers` binding. The main entry runs in browsers.
export { loadTokenizer, type LoadedTokenizer } from "./tokenizer/load.ts";
export { fromNativeTokenizer } from "./tokenizer/native.ts";
