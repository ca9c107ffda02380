import type { Command } from "../command.ts";
import { detectCommand } from "./detect.ts";
import { maskCommand } from "./mask.ts";
import { templateCommand } from "./template.ts";

/** Every subcommand, in the order the tool's help lists them. */
export const commands: readonly Command[] = [templateCommand, detectCommand, maskCommand];
