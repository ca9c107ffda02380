/** Exit codes: 0 done, 1 done but some records were rejected, 2 nothing useful could be done. */
export const EXIT_OK = 0;
export const EXIT_REJECTS = 1;
export const EXIT_FAILURE = 2;

/**
 * An error meant for the user: its message is printed as is (no stack) and the process exits with `exitCode`.
 * `code` lets tests and embedders branch without parsing text.
 */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: number;
  /** Help text to print after the message (for mistakes in how the tool was called). */
  readonly usage: string | undefined;

  constructor(code: string, message: string, options: { exitCode?: number; usage?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "CliError";
    this.code = code;
    this.exitCode = options.exitCode ?? EXIT_FAILURE;
    this.usage = options.usage;
  }
}

/** The message of anything thrown, for user-facing text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
