import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { ScaffoldError, scaffoldFamily } from "./scaffold.ts";

/** `pnpm new-family <name> [--display "Display Name"]`, run at the repository root. */
function main(argv: string[]): number {
  const [name, ...rest] = argv;
  const displayIndex = rest.indexOf("--display");
  const displayName = displayIndex === -1 ? undefined : rest[displayIndex + 1];
  if (!name || name.startsWith("-")) {
    process.stderr.write('usage: pnpm new-family <name> [--display "Display Name"]\n');
    return 2;
  }
  const root = workspaceRoot(process.cwd());
  try {
    const { packageDir } = scaffoldFamily({ root, name, ...(displayName ? { displayName } : {}) });
    const where = relative(root, packageDir);
    process.stdout.write(
      `Created ${where} and registered it in packages/all.\nNext:\n` +
        `  1. pnpm install\n` +
        `  2. write ${where}/templates/<id>.jinja from the original in ../shared/templates/originals/\n` +
        `  3. add its TrainingTemplate to ${where}/src/index.ts and its options to ${where}/test/conformance.test.ts\n` +
        `  4. pnpm vitest run ${where}\n` +
        `  5. fill in the variants table of ${where}/README.md, add the family to the root README, pnpm changeset\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ScaffoldError) {
      process.stderr.write(`new-family: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function workspaceRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) throw new Error("new-family: run it inside the training-templates repository");
  }
}

process.exitCode = main(process.argv.slice(2));
