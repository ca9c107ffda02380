#!/usr/bin/env node
import { run } from "./run.ts";

// `training-templates template … | head` closes the pipe early: that is the reader's choice, not a failure to report.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

// exitCode rather than exit(): pending writes to stdout (a pipe) are flushed before the process ends.
process.exitCode = await run(process.argv.slice(2));
