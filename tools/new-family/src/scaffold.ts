import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder a new family starts from, with `__name__`, `__camel__` and `__Display__` to fill in. */
const TEMPLATE_DIR = fileURLToPath(new URL("../template/", import.meta.url));
const RESERVED = new Set(["core", "testkit", "all", "cli"]);
const VALID_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export class ScaffoldError extends Error {
  readonly code = "SCAFFOLD";
}

export interface ScaffoldOptions {
  /** The repository root (the folder with pnpm-workspace.yaml). */
  root: string;
  /** The family's package name, e.g. `gemma` or `gpt-oss`. */
  name: string;
  /** Its display name (default: the name, capitalised). */
  displayName?: string;
}

export interface ScaffoldResult {
  packageDir: string;
  files: string[];
}

const camelCase = (name: string) => name.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

/** Creates packages/<name> from the template folder and registers it in packages/all. */
export function scaffoldFamily({ root, name, displayName }: ScaffoldOptions): ScaffoldResult {
  if (!VALID_NAME.test(name)) {
    throw new ScaffoldError(
      `"${name}" is not a valid family name: use lower-case letters and digits, words joined by "-" (e.g. gemma, gpt-oss).`,
    );
  }
  if (RESERVED.has(name)) throw new ScaffoldError(`"${name}" is one of the project's own packages, not a family name.`);
  const packageDir = join(root, "packages", name);
  if (existsSync(packageDir)) {
    throw new ScaffoldError(`packages/${name} already exists: add a variant to it instead (see CONTRIBUTING.md).`);
  }
  const values = { __name__: name, __camel__: camelCase(name), __Display__: displayName ?? name[0]!.toUpperCase() + name.slice(1) };
  cpSync(TEMPLATE_DIR, packageDir, { recursive: true });
  const files = listFiles(packageDir);
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace(/__name__|__camel__|__Display__/g, (key) => values[key as keyof typeof values]));
  }
  registerInAll(root, name, values.__camel__);
  return { packageDir, files };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Adds the family to packages/all: a workspace dependency, an import and an entry in `families`. */
function registerInAll(root: string, name: string, camel: string): void {
  const packageJsonPath = join(root, "packages/all/package.json");
  const packageJson = JSON.parse(readFileSync(packageJsonPath, "utf8")) as { dependencies: Record<string, string> };
  packageJson.dependencies[`@training-templates/${name}`] = "workspace:^";
  writeFileSync(packageJsonPath, `${JSON.stringify(packageJson, null, 2)}\n`);

  const indexPath = join(root, "packages/all/src/index.ts");
  const source = readFileSync(indexPath, "utf8");
  const families = /export const families: readonly FamilyPlugin\[\] = \[([^\]]*)\];/;
  const lastImport = [...source.matchAll(/^import .*;$/gm)].pop();
  const match = families.exec(source);
  if (!match || !lastImport) throw new ScaffoldError(`cannot find the imports and the families list in ${indexPath}: register ${camel}Family there by hand`);
  const entries = [...match[1]!.split(",").map((entry) => entry.trim()).filter(Boolean), `${camel}Family`];
  const importEnd = lastImport.index + lastImport[0].length;
  writeFileSync(
    indexPath,
    `${source.slice(0, importEnd)}\nimport { ${camel}Family } from "@training-templates/${name}";` +
      source.slice(importEnd, match.index) +
      `export const families: readonly FamilyPlugin[] = [\n${entries.map((entry) => `  ${entry},`).join("\n")}\n];` +
      source.slice(match.index + match[0].length),
  );
}
