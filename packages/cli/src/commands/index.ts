import type { Command } from "../command.ts";
import { checkCommand } from "./check.ts";
import { detectCommand } from "./detect.ts";
import { listCommand } from "./list.ts";
import { maskCommand } from "./mask.ts";
import { prepareCommand } from "./prepare.ts";
import { showCommand } from "./show.ts";
import { templateCommand } from "./template.ts";
import { viewCommand } from "./view.ts";

/** Every subcommand, in the order the tool's help lists them. */
export const commands: readonly Command[] = [prepareCommand, templateCommand, detectCommand, maskCommand, listCommand, checkCommand, showCommand, viewCommand];
