import { registry } from "@training-templates/all";
import type { FamilyPlugin } from "@training-templates/core";
import { parseOptions } from "../args.ts";
import { EXIT_OK } from "../cli-error.ts";
import type { Command } from "../command.ts";

const usage = `Usage: training-templates list [--json]

Prints the model families the tool knows and, for each, its training template variants: the id
(as detect prints it), the name, whether tools are supported, the end-of-turn token that trains,
and models known to ship the original template.

Options:
  --json       print the same as JSON: [{ "family", "displayName", "variants": [...] }]
  -h, --help   show this help

Exit codes: 0 printed; 2 bad arguments.`;

export const listCommand: Command = {
  name: "list",
  summary: "print the supported model families and their template variants",
  usage,
  async run(args, io) {
    const values = parseOptions(args, { json: { type: "boolean", default: false } }, usage);
    io.stdout.write(values.json ? `${JSON.stringify(registry.families.map(describeFamily), null, 2)}\n` : listText(registry.families));
    return EXIT_OK;
  },
};

function describeFamily(family: FamilyPlugin) {
  return {
    family: family.family,
    displayName: family.displayName,
    variants: family.variants.map((variant) => ({
      id: variant.id,
      displayName: variant.displayName,
      supportsTools: variant.supportsTools,
      multimodal: variant.multimodal,
      endOfTurn: variant.endOfTurn,
      models: variant.models,
    })),
  };
}

function listText(families: readonly FamilyPlugin[]): string {
  const variants = families.flatMap((family) => family.variants);
  const idWidth = Math.max(0, ...variants.map((variant) => variant.id.length));
  const nameWidth = Math.max(0, ...variants.map((variant) => variant.displayName.length));
  const lines: string[] = [];
  for (const family of families) {
    if (family.variants.length === 0) {
      lines.push(`${family.displayName} (${family.family}): no variants yet`);
      continue;
    }
    lines.push(`${family.displayName} (${family.family})`);
    for (const variant of family.variants) {
      const tools = variant.supportsTools ? "tools" : "no tools";
      const models = variant.models.length > 0 ? `  ${variant.models.join(", ")}` : "";
      lines.push(`  ${variant.id.padEnd(idWidth)}  ${variant.displayName.padEnd(nameWidth)}  ${tools.padEnd(8)}  ${variant.endOfTurn}${models}`);
    }
  }
  const count = variants.length;
  lines.push("", `${count} variant${count === 1 ? "" : "s"} in ${families.filter((family) => family.variants.length > 0).length} families.`);
  return `${lines.join("\n")}\n`;
}
