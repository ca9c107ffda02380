// Preloaded into the CLI by the memory benchmark (node --import): when the process ends, writes its peak resident
// memory (worker threads included, they share the process) to the file named by BENCH_RSS_FILE.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) writeFileSync(file, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
});
