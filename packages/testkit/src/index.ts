export { describeConformance, applyOriginalPatches } from "./suite.ts";
export type { ConformanceOptions, OriginalPatch } from "./options.ts";
export { describeFirstDifference, bracketSpans, bracketMaskedTokens, describeConversation } from "./report.ts";
export { loadTokenizerAdapters } from "./tokenizers.ts";
export { renderWithPython, type ReferenceRenderJob, type ReferenceRenderResult } from "./python/render-reference.ts";
export { transformersAssistantMasks, type TransformersMaskJob, type TransformersMaskResult } from "./python/transformers-masks.ts";
export { ensureReferencePython, referencePython, defaultReferencePythonCache } from "./python/reference-python.ts";
export { conversationArbitrary, sampleConversations, type ConversationFeatures } from "@training-templates/core";
export { originalTemplatePath } from "./originals.ts";
