// Preloaded into the CLI by the benchmarks (node --import): when the process ends, writes its peak resident memory
// and the CPU time it used (worker threads and the native binding's threads included, they share the process) to
// the file named by BENCH_RSS_FILE.
// On Linux it is VmHWM, the high-water mark of this process's own memory: getrusage's maxRSS carries the parent's
// peak over fork, so a child of a large benchmark process would report the parent's size.
import { readFileSync, writeFileSync } from "node:fs";

function peakRssKiB() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: fall back below.
  }
  return process.resourceUsage().maxRSS;
}

process.on("exit", () => {
  const file = process.env.BENCH_RSS_FILE;
  const { user, system } = process.cpuUsage();
  if (file) writeFileSync(file, JSON.stringify({ maxRssKiB: peakRssKiB(), cpuSeconds: (user + system) / 1e6 }));
});
