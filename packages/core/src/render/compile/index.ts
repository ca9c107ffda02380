export { compileTemplate, type CompiledRender, type Compilation } from "./compile-template.ts";
export { inspectContext, type ContextInspection } from "./plain-data.ts";
