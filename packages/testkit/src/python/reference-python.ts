import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const SCRIPT_ENV = "TRAINING_TEMPLATES_PYTHON_REFERENCE_SCRIPT";

export interface ReferencePythonOptions {
  /**
   * Also install TRL 1.13 with CPU torch and accelerate (`python-reference.sh DIR --with-trl`), for tests that train
   * with TRL's `SFTTrainer`. The same venv serves both: a plain request is served by a venv set up with TRL.
   */
  withTrl?: boolean;
}

interface Setup {
  withTrl: boolean;
  python: Promise<string>;
}

/** One setup per cache dir and process: the script's own check imports transformers, which takes seconds. */
const pending = new Map<string, Setup>();

/**
 * Makes (once; a few minutes the first time, about twice the work with TRL) the Python venv with transformers 5.x,
 * Jinja2 and datasets that the project is compared against, in `cacheDir`, and returns its python. The setup script
 * is $TRAINING_TEMPLATES_PYTHON_REFERENCE_SCRIPT, or `../shared/tools/python-reference.sh` next to the repository
 * that holds the current directory. A setup that fails rejects with the script's reason.
 */
export function ensureReferencePython(cacheDir: string, options: ReferencePythonOptions = {}): Promise<string> {
  const dir = resolve(cacheDir);
  const withTrl = options.withTrl ?? false;
  const earlier = pending.get(dir);
  if (earlier && (earlier.withTrl || !withTrl)) return earlier.python;
  // Adding TRL to a venv another setup is still installing into would run two pips on one folder: wait for it.
  const before = earlier?.python.catch(() => undefined) ?? Promise.resolve();
  const python = before.then(() => runSetupScript(dir, withTrl));
  const setup = { withTrl, python };
  pending.set(dir, setup);
  // A failed setup may be retried after the cause is fixed.
  python.catch(() => {
    if (pending.get(dir) === setup) pending.delete(dir);
  });
  return python;
}

async function runSetupScript(dir: string, withTrl: boolean): Promise<string> {
  const script = referenceScriptPath();
  const args = [script, dir, ...(withTrl ? ["--with-trl"] : [])];
  return new Promise((resolvePython, reject) => {
    execFile("bash", args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const python = stdout.trim().split("\n").pop()?.trim() ?? "";
      if (error || !python || !existsSync(python)) {
        reject(
          new Error(
            `Could not set up the reference Python${withTrl ? " with TRL" : ""} in ${dir} with ${script}` +
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

/**
 * The reference python: $TRAINING_TEMPLATES_PYTHON_REFERENCE when set (whoever sets it vouches for what it has; the
 * test setup sets it to a venv with TRL), else the venv in the default cache (made once).
 */
export function referencePython(options: ReferencePythonOptions = {}): Promise<string> {
  const fromEnv = process.env.TRAINING_TEMPLATES_PYTHON_REFERENCE;
  return fromEnv ? Promise.resolve(fromEnv) : ensureReferencePython(defaultReferencePythonCache(), options);
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
