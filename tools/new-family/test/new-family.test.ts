import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const SKIPPED = new Set(["node_modules", "dist", ".git", ".turbo", ".examples"]);

/** pnpm as the test was started with it (npx leaves it off PATH), else from PATH. */
function pnpm(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  return execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ["pnpm", []];
}

async function inCopy(copy: string, command: string, args: string[]) {
  const [bin, prefix] = command === "pnpm" ? pnpm() : [command, []];
  try {
    const { stdout, stderr } = await run(bin, [...prefix, ...args], { cwd: copy, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: "true" } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("pnpm new-family, in a temporary copy of the workspace", () => {
  let copy: string;

  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), "new-family-"));
    cpSync(repo, copy, { recursive: true, filter: (source) => !SKIPPED.has(relative(repo, source).split("/").pop() ?? "") });
    const installed = await inCopy(copy, "pnpm", ["install", "--prefer-offline", "--frozen-lockfile"]);
    expect(installed.code, installed.output).toBe(0);
  }, 300_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("refuses an invalid name, a reserved one and an existing one, saying why", async () => {
    for (const [name, reason] of [["Gemma", /not a valid family name/], ["core", /the project's own packages/], ["qwen", /already exists/]] as const) {
      const result = await inCopy(copy, "pnpm", ["new-family", name]);
      expect(result.code, name).toBe(1);
      expect(result.output).toMatch(reason);
    }
    expect(existsSync(join(copy, "packages/Gemma"))).toBe(false);
  });

  it("creates a package that builds, registered in packages/all, whose empty test says what to add", async () => {
    const created = await inCopy(copy, "pnpm", ["new-family", "acme-chat", "--display", "Acme Chat"]);
    expect(created.output).toMatch(/Created packages\/acme-chat/);
    expect(created.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(copy, "packages/acme-chat/package.json"), "utf8"));
    expect(pkg.name).toBe("@training-templates/acme-chat");
    expect(readFileSync(join(copy, "packages/acme-chat/src/index.ts"), "utf8")).toContain('export const acmeChatFamily: FamilyPlugin = {');
    expect(readFileSync(join(copy, "packages/all/src/index.ts"), "utf8")).toMatch(/import \{ acmeChatFamily \} from "@training-templates\/acme-chat";[\s\S]*export const families[\s\S]*  acmeChatFamily,\n\];/);

    // Not --offline: resolving the new package needs registry metadata, which a frozen install never caches.
    const installed = await inCopy(copy, "pnpm", ["install", "--prefer-offline", "--no-frozen-lockfile"]);
    expect(installed.code, installed.output).toBe(0);
    const built = await inCopy(copy, "pnpm", ["exec", "turbo", "run", "build", "--filter=@training-templates/acme-chat..."]);
    expect(built.code, built.output).toBe(0);
    expect(existsSync(join(copy, "packages/acme-chat/dist/index.d.ts"))).toBe(true);

    const tested = await inCopy(copy, "pnpm", ["exec", "vitest", "run", "packages/acme-chat"]);
    expect(tested.code).not.toBe(0);
    expect(tested.output).toMatch(/The acme-chat family has no variants yet\. Write templates\/<id>\.jinja/);
  }, 600_000);
});
