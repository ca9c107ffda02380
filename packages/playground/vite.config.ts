import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const packages = fileURLToPath(new URL("..", import.meta.url));

/**
 * The page is bundled from the workspace's sources (as the tests run them), so building it needs no other package
 * built first. `base: "./"` keeps every asset path relative: `dist/` works from any static file server, in any folder.
 */
export default defineConfig({
  base: "./",
  plugins: [jinjaAsText()],
  resolve: {
    alias: [{ find: /^@training-templates\/([^/]+)$/, replacement: `${packages}$1/src/index.ts` }],
  },
  // The worker holds the library and the registry, so it needs the same loader.
  worker: { format: "es", plugins: () => [jinjaAsText()] },
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    // The registry's templates make the worker large by nature; its size is reported in the README instead.
    chunkSizeWarningLimit: 4096,
  },
  preview: { host: "127.0.0.1" },
});

/** The families' training templates are `.jinja` files, bundled as text (as their own tsdown build does). */
function jinjaAsText(): Plugin {
  return {
    name: "jinja-as-text",
    enforce: "pre",
    load(id) {
      if (!id.endsWith(".jinja")) return null;
      return `export default ${JSON.stringify(readFileSync(id, "utf8"))};`;
    },
  };
}
