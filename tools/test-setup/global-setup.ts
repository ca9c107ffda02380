import { referencePython } from "../../packages/testkit/src/python/reference-python.ts";

/**
 * Builds the Python reference venv (transformers + Jinja2 3.1.6) once before any test file runs, so the
 * conformance suites of every family share it instead of racing to create it. Test workers inherit the variables.
 * The venv also renders the Jinja2 parity checks: whichever `python3` comes first on PATH (npx puts the system's
 * first) may lack Jinja2, and the venv's is the exact stack transformers renders with.
 */
export default async function setup(): Promise<void> {
  const python = await referencePython();
  process.env.TRAINING_TEMPLATES_PYTHON_REFERENCE = python;
  process.env.TRAINING_TEMPLATES_PYTHON ??= python;
}
