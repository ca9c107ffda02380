// The tokenizer errors live with the others, so they share `TrainingTemplatesError` and its `code`.
export { TokenAlignmentError, TokenizerLoadError, UnsupportedTokenizerError } from "../errors.ts";
