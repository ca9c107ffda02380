import { defineConfig, type UserConfig } from "tsdown";

/** One build setup for every package: ESM with types, `.jinja` files bundled as text. */
export function packageConfig(entry: string[] | Record<string, string> = ["src/index.ts"], extra: UserConfig = {}) {
  return defineConfig({
    entry,
    format: ["esm"],
    platform: "neutral",
    target: "node20",
    dts: true,
    sourcemap: true,
    clean: true,
    loader: { ".jinja": "text" },
    // Node builtins stay imports in every entry (only `/node` entries use them).
    deps: { neverBundle: [/^node:/] },
    fixedExtension: false,
    // The declaration build is the slow part by nature; rolldown's timing advice is noise in every build log.
    inputOptions: { checks: { pluginTimings: false } },
    ...extra,
  });
}
