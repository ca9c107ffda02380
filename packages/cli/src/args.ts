import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError, messageOf } from "./cli-error.ts";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

type OptionValue<O> = O extends { type: "boolean" } ? boolean : string;

/** The parsed flags: a flag with a default always has a value. (`multiple` is not used by any command.) */
export type OptionValues<T extends OptionsConfig> = {
  [K in keyof T]: T[K] extends { default: unknown } ? OptionValue<T[K]> : OptionValue<T[K]> | undefined;
} & { help?: boolean };

const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

/**
 * Parses a command's flags strictly (unknown flags and stray arguments are usage errors) and adds `--help`.
 * Errors carry the command's usage so the user sees what was expected.
 */
export function parseOptions<const T extends OptionsConfig>(args: string[], options: T, usage: string): OptionValues<T> {
  try {
    const config: ParseArgsConfig = { args, options: { ...options, ...HELP_OPTION }, strict: true, allowPositionals: false };
    return parseArgs(config).values as unknown as OptionValues<T>;
  } catch (error) {
    // Node's messages go on to explain `--` escaping; the first sentence is the useful part.
    throw new CliError("USAGE", messageOf(error).split(/\.\s/)[0]!, { usage });
  }
}

/** The value of a flag the command cannot run without. */
export function requireOption(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === "") throw new CliError("USAGE", `missing ${flag}`, { usage });
  return value;
}
