import { resolve } from "node:path";
import { CliError } from "../cli-error.ts";
import { STDIO_PATH } from "./jsonl.ts";

/** Opening an output truncates it: were it the input, the input would be gone before its first record is read. */
export function refuseOverwritingInput(inputPath: string, outputPaths: Array<string | undefined>): void {
  if (inputPath === STDIO_PATH) return;
  for (const outputPath of outputPaths) {
    if (outputPath !== undefined && outputPath !== STDIO_PATH && resolve(outputPath) === resolve(inputPath)) {
      throw new CliError("USAGE", `${outputPath} is also the input: write the output to another file`);
    }
  }
}
