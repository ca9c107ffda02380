import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const SCRIPT_ENV = "TRAINING_TEMPLATES_PYTHON_REFERENCE_SCRIPT";

/** One setup per cache dir and process: the script's own check imports transformers, which takes seconds. */
const pending = new Map<string, Promise<string>>();

/**
 * Makes (once; about 30 s the first time) the Python venv with transformers 5.x + Jinja2 that the project is compared
 * against, in `cacheDir`, and returns its python. The setup script is $TRAINING_TEMPLATES_PYTHON_REFERENCE_SCRIPT, or
 * `../shared/tools/python-reference.sh` next to the repository that holds the current directory.
 */
export function ensureReferencePython(cacheDir: string): Promise<string> {
  const dir = resolve(cacheDir);
  let python = pending.get(dir);
  if (!python) {
    python = runSetupScript(dir);
    pending.set(dir, python);
    // A failed setup may be retried after the cause is fixed.
    python.catch(() => pending.delete(dir));
  }
  return python;
}

async function runSetupScript(dir: string): Promise<string> {
  const script = referenceScriptPath();
  return new Promise((resolvePython, reject) => {
    execFile("bash", [script, dir], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const python = stdout.trim().split("\n").pop()?.trim() ?? "";
      if (error || !python || !existsSync(python)) {
        reject(
          new Error(
            `Could not set up the reference Python in ${dir} with ${script}` +
              `${error ? `: ${error.message}` : ""}\n${stderr.trim()}\n` +
              `Check that the machine's Python package mirror is reachable, or delete ${dir} and try again.`,
          ),
        );
        return;
      }
      resolvePython(python);
    });
  });
}

/**
 * Where the reference venv lives unless told otherwise: `node_modules/.cache/training-templates/python-reference`
 * of the workspace holding the current directory (of the current directory outside a workspace).
 */
export function defaultReferencePythonCache(): string {
  return join(workspaceRoot(process.cwd()) ?? process.cwd(), "node_modules", ".cache", "training-templates", "python-reference");
}

/** The reference python: $TRAINING_TEMPLATES_PYTHON_REFERENCE when set, else the venv in the default cache (made once). */
export function referencePython(): Promise<string> {
  const fromEnv = process.env.TRAINING_TEMPLATES_PYTHON_REFERENCE;
  return fromEnv ? Promise.resolve(fromEnv) : ensureReferencePython(defaultReferencePythonCache());
}

function referenceScriptPath(): string {
  const fromEnv = process.env[SCRIPT_ENV];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${SCRIPT_ENV} is set to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const root = workspaceRoot(process.cwd());
  if (!root) {
    throw new Error(
      `Cannot find the reference Python setup script: no pnpm-workspace.yaml above ${process.cwd()}. Set ${SCRIPT_ENV}.`,
    );
  }
  const script = join(root, "..", "shared", "tools", "python-reference.sh");
  if (!existsSync(script)) throw new Error(`Cannot find ${script}. Set ${SCRIPT_ENV} to python-reference.sh.`);
  return script;
}

function workspaceRoot(from: string): string | undefined {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
