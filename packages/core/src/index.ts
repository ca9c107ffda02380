export type * from "./types.ts";
export type * from "./template-types.ts";
export type * from "./tokenizer/types.ts";
export * from "./errors.ts";
export { renderChat, type RenderOptions, type RenderedChat } from "./render/render-chat.ts";
export { hasGenerationMarkers } from "./render/scan-template.ts";
