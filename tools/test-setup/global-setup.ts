import { referencePython } from "../../packages/testkit/src/python/reference-python.ts";

/**
 * Builds the Python reference venv (transformers + Jinja2) once before any test file runs, so the conformance
 * suites of every family share it instead of racing to create it. Test workers inherit the variable.
 */
export default async function setup(): Promise<void> {
  process.env.TRAINING_TEMPLATES_PYTHON_REFERENCE = await referencePython();
}
