export type * from "./types.ts";
export type * from "./template-types.ts";
export type * from "./tokenizer/types.ts";
export * from "./errors.ts";
export {
  describeRenderEngine,
  renderChat,
  type RenderEngineDescription,
  type RenderOptions,
  type RenderedChat,
} from "./render/render-chat.ts";
export { DEFAULT_RENDER_LIMITS, type RenderLimits } from "./render/render-limits.ts";
export { MAX_RANGE } from "./render/sandbox.ts";
export { tryRender, sameOutcome, type RenderOutcome } from "./render/try-render.ts";
export { buildTemplateContext, specialTokensFromConfig, specialTokenTextsFromConfig } from "./render/context.ts";
export { rendersSameText } from "./render/same-text.ts";
export { strftime } from "./render/strftime.ts";
export { pythonStrip } from "./render/python-strings.ts";
export { hasGenerationMarkers, findGenerationTags } from "./render/scan-template.ts";
export { fingerprint, normalizedFingerprint, normalizeTemplateText } from "./fingerprint.ts";
export { masksFromSpans, masksFromSpanEnds, assistantMasksOf, mergeSpans, type TokenPositions, labelsFromMasks, truncateRows, type Truncation } from "./masks.ts";
export { expandPlaceholders, type PlaceholderExpansion, type TokenRows } from "./expand-placeholders.ts";
export {
  applyChatTemplate,
  encodingOf,
  renderForEncoding,
  type ApplyChatTemplateOptions,
  type ChatRendering,
  type ChatTemplateEncoding,
  type TemplateUsed,
} from "./apply-chat-template.ts";
export { applyChatTemplateBatch, type ChatTemplateBatchResult, type ChatTemplateRequest } from "./apply-chat-template-batch.ts";
export {
  isDefaultSelection,
  trainedRanges,
  trainedTurns,
  TurnMaskError,
  type EndOfTurnTraining,
  type RenderedTurns,
  type TrainedTurn,
  type TurnSelection,
} from "./turns/turn-selection.ts";
export { applyChatTemplatePerTurn, type PerTurnSample } from "./turns/per-turn-samples.ts";
export { createRegistry, type Registry } from "./registry/registry.ts";
export { VARIANT_STRATEGIES, type Strategy, type TrainingPlan } from "./strategies/strategy.ts";
export { deriveAssistantSpans, type DeriveSpansOptions } from "./strategies/derive-spans.ts";
export { assessTemplate, type TemplateAssessment } from "./strategies/assess-template.ts";
export { planTraining, type PlanTrainingOptions } from "./strategies/plan-training.ts";
export { synthesizeTrainingTemplate, type SynthesisResult } from "./strategies/synthesize/synthesize-training-template.ts";
export { mergeTouchingSpans } from "./strategies/synthesize/merge-touching-spans.ts";
export { turnSpans } from "./strategies/synthesize/turn-spans.ts";
export { renderForTraining, type RenderForTrainingOptions, type TrainingRender } from "./strategies/render-for-training.ts";
export { describeSpanDisagreement } from "./strategies/compare-spans.ts";
export { commonPrefixLength, describeTextDifference } from "./strategies/text-difference.ts";
export { detectTemplate, type Detection, type DetectOptions, type MatchKind } from "./registry/detect.ts";
export {
  getTrainingChatTemplate,
  NO_CHAT_TEMPLATE_MESSAGE,
  selectNamedTemplate,
  type TemplateSource,
  type TrainingTemplateMatch,
} from "./registry/training-template.ts";
export { PROBE_SEED, probeConversations } from "./registry/probes.ts";
export {
  checkPrefixPreservation,
  checkTokenPrefixPreservation,
  isPrefixPreserving,
  type CheckOptions,
  type CheckResult,
} from "./checks/prefix-preservation.ts";
export { checkToolCalling, supportsToolCalling } from "./checks/tool-calling.ts";
export { checkStopTokenTrained, isStopTokenTrained } from "./checks/stop-token.ts";
export { conversationArbitrary, sampleConversations, type ConversationFeatures } from "./conversations/generate.ts";
export type { MediaStyle } from "./conversations/media.ts";
export {
  ConversationProblemError,
  validateConversation,
  type ConversationFieldNames,
  type ConversationInput,
  type ConversationProblem,
} from "./conversations/validate.ts";
export {
  assertContentBlocksRendered,
  CONTENT_BLOCKS_POLICIES,
  findContentBlocksProblem,
  joinContentBlocks,
  messagesWithContentBlocks,
  type ContentBlocksCheck,
  type ContentBlocksFinding,
  type ContentBlocksPolicy,
} from "./conversations/content-blocks.ts";
export { codePointToUtf16Offsets, utf16ToCodePointOffsets } from "./tokenizer/offsets.ts";
export { fromHfTokenizer } from "./tokenizer/hf-tokenizers.ts";
export { fromTransformersTokenizer } from "./tokenizer/transformers-js.ts";
