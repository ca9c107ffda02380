import { CliError, EXIT_FAILURE, EXIT_OK, messageOf } from "./cli-error.ts";
import type { CliIo } from "./command.ts";
import { commands } from "./commands/index.ts";
import { toolUsage } from "./usage.ts";
import { VERSION } from "./version.ts";

const PROGRAM = "training-templates";

/**
 * Runs the tool on `argv` (without `node` and the script path) and resolves to the exit code. Never throws and
 * never exits the process, so tests and other programs can embed it.
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    const stream = name === undefined ? io.stderr : io.stdout;
    stream.write(`${toolUsage(commands)}\n`);
    return name === undefined ? EXIT_FAILURE : EXIT_OK;
  }
  if (name === "-v" || name === "--version") {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const what = name.startsWith("-") ? `unknown option ${name}` : `unknown command "${name}"`;
    io.stderr.write(`${PROGRAM}: ${what}\n\n${toolUsage(commands)}\n`);
    return EXIT_FAILURE;
  }
  if (args.includes("-h") || args.includes("--help")) {
    io.stdout.write(`${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`${PROGRAM} ${command.name}: ${error.message}\n${error.usage ? `\n${error.usage}\n` : ""}`);
      return error.exitCode;
    }
    // Not a failure the command foresaw: keep the stack, it is what a bug report needs.
    io.stderr.write(`${PROGRAM} ${command.name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : messageOf(error)}\n`);
    return EXIT_FAILURE;
  }
}

function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}
