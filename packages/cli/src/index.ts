export { run } from "./run.ts";
export type { CliIo, Command } from "./command.ts";
export { CliError, EXIT_FAILURE, EXIT_OK, EXIT_REJECTS } from "./cli-error.ts";
