import { readFileSync } from "node:fs";

/**
 * CPU seconds (user + system) of this process's main thread alone, from Linux's
 * /proc/self/task/PID/stat; null where that file does not exist. process.cpuUsage() counts every
 * thread (workers, V8's GC and compiler threads): the difference is what ran beside the main thread.
 */
export function mainThreadCpuSeconds(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}
