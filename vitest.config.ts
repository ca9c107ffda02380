import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  plugins: [
    {
      // The same as the build's `.jinja` text loader, so tests run against source.
      name: "jinja-as-text",
      enforce: "pre",
      load(id) {
        if (!id.endsWith(".jinja")) return null;
        return `export default ${JSON.stringify(readFileSync(id, "utf8"))};`;
      },
    },
  ],
  resolve: {
    alias: [
      { find: /^@training-templates\/core\/node$/, replacement: `${root}packages/core/src/node.ts` },
      { find: /^@training-templates\/testkit\/python$/, replacement: `${root}packages/testkit/src/python.ts` },
      { find: /^@training-templates\/([^/]+)$/, replacement: `${root}packages/$1/src/index.ts` },
    ],
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "tools/*/test/**/*.test.ts"],
    globalSetup: ["./tools/test-setup/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
    // Vitest's default leaves one core free (one worker on a 2-core machine), but the kit's files spend much of their
    // time waiting on Python, so every core gets a file.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
