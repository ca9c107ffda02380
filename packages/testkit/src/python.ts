// The Python reference bridge without the vitest suite: for tools (the CLI's `check`) that compare with Python.
export { renderWithPython, type ReferenceRenderJob, type ReferenceRenderResult } from "./python/render-reference.ts";
export { transformersAssistantMasks, type TransformersMaskJob, type TransformersMaskResult } from "./python/transformers-masks.ts";
export {
  defaultReferencePythonCache,
  ensureReferencePython,
  referencePython,
  type ReferencePythonOptions,
} from "./python/reference-python.ts";
export { runPythonScript, type PythonScriptFailureHints } from "./python/run-python-script.ts";
