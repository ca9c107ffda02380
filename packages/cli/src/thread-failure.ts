import { CliError } from "./cli-error.ts";

/** A failure that must end the run, carried across a thread boundary (errors lose their class there). */
export interface ThreadFailure {
  /** Set for `CliError`s: the message is meant for the user as it is. */
  cliCode?: string;
  message: string;
  stack?: string;
}

/** The error, as plain data a thread can post. */
export function failureOf(error: unknown): ThreadFailure {
  if (error instanceof CliError) return { cliCode: error.code, message: error.message };
  return error instanceof Error ? { message: error.message, ...(error.stack ? { stack: error.stack } : {}) } : { message: String(error) };
}

/** The error again, on the thread that receives it: a `CliError` stays one. */
export function errorFrom(failure: ThreadFailure): Error {
  if (failure.cliCode !== undefined) return new CliError(failure.cliCode, failure.message);
  const error = new Error(failure.message);
  if (failure.stack) error.stack = failure.stack;
  return error;
}
