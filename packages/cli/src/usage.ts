import type { Command } from "./command.ts";

/** The tool's own help: what it is for and one line per command (each command's `--help` has the details). */
export function toolUsage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}   ${command.summary}`);
  return `Usage: training-templates <command> [options]

Assistant-only loss masks for chat models: training templates ({% generation %} markers added to
the vendor's chat template) and the token masks they give.

Commands:
${lines.join("\n")}

Run \`training-templates <command> --help\` for a command's options.

Options:
  -h, --help      show this help
  -v, --version   print the version`;
}
