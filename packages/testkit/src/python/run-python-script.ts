import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Exit code our scripts use when an import they need is missing. */
const MISSING_MODULE_EXIT = 3;

/**
 * The path of a script in the package's `python/` folder. Walks up from this module because it runs from
 * `src/python/` under vitest and from `dist/` (one bundled file) after the build.
 */
export function pythonScriptPath(fileName: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const candidate = join(dir, "python", fileName);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`@training-templates/testkit: ${fileName} is missing from the package's python/ folder`);
}

export interface PythonScriptFailureHints {
  /** What to say when the script exits with MISSING_MODULE_EXIT. */
  missingModule: string;
  /** What to say when the python executable cannot be started. */
  missingPython: string;
}

/**
 * Runs one script (`[scriptPath, ...args]`) with one JSON document on stdin and parses the JSON document it prints.
 */
export function runPythonScript(
  python: string,
  scriptAndArgs: string | string[],
  input: unknown,
  hints: PythonScriptFailureHints,
): Promise<unknown> {
  const args = typeof scriptAndArgs === "string" ? [scriptAndArgs] : scriptAndArgs;
  const script = args[0] ?? "";
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new Error(`Python not found: cannot run "${python}". ${hints.missingPython}`)
          : error,
      );
    });
    // A child that dies early closes stdin under us; the exit code tells the real story.
    child.stdin.on("error", () => undefined);
    child.on("close", (code) => {
      const errorText = Buffer.concat(stderr).toString("utf8").trim();
      if (code === MISSING_MODULE_EXIT) {
        reject(new Error(`${errorText}. ${hints.missingModule}`));
        return;
      }
      if (code !== 0) {
        reject(new Error(`${script} exited with code ${String(code)}: ${errorText}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(stdout).toString("utf8")));
      } catch (error) {
        reject(new Error(`${script} printed something that is not JSON: ${String(error)}\n${errorText}`));
      }
    });
    child.stdin.end(JSON.stringify(input), "utf8");
  });
}
