import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

const ORIGINALS_ENV = "TRAINING_TEMPLATES_ORIGINALS";

/**
 * The path of a vendor's original template in the reference corpus: $TRAINING_TEMPLATES_ORIGINALS, else
 * `../shared/templates/originals/` beside the workspace that holds the current directory.
 */
export function originalTemplatePath(file: string): string {
  const dir = process.env[ORIGINALS_ENV] ?? join(workspaceRoot(), "..", "shared", "templates", "originals");
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`No original template at ${path}. Set ${ORIGINALS_ENV} to the folder of originals.`);
  return path;
}

function workspaceRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}
