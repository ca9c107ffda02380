import { referencePython } from "../../packages/testkit/src/python/reference-python.ts";

/**
 * Builds the Python reference venv (transformers + Jinja2 3.1.6 + datasets, and TRL with CPU torch for the CLI's
 * SFTTrainer test) once before any test file runs, so the test files share it instead of racing to create it or to
 * install into it. Test workers inherit the variables.
 * The venv also renders the Jinja2 parity checks: whichever `python3` comes first on PATH (npx puts the system's
 * first) may lack Jinja2, and the venv's is the exact stack transformers renders with.
 */
export default async function setup(): Promise<void> {
  const python = await referencePython({ withTrl: true });
  process.env.TRAINING_TEMPLATES_PYTHON_REFERENCE = python;
  process.env.TRAINING_TEMPLATES_PYTHON ??= python;
}
