import { readdirSync, readFileSync } from 'node:fs';

/** Cores a process's threads used over a phase: its main thread, and the others busiest first. */
export interface ThreadCpu {
  main: number;
  /** Threads that used at least 0.05 of a core; the rest (libuv, V8's helpers) are left out. */
  others: number[];
}

/** Each thread's CPU time so far (user + system, in clock ticks), from /proc; empty where there is none. */
export function threadTicks(pid: number): Map<string, number> {
  try {
    return new Map(
      readdirSync(`/proc/${pid}/task`).map((tid) => {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        // Fields 14 and 15 (utime, stime), counted after the parenthesised name, which may hold spaces.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return [tid, Number(fields[11]) + Number(fields[12])];
      }),
    );
  } catch {
    return new Map();
  }
}

/** What each thread used between two samples `seconds` apart; undefined without /proc. Linux counts 100 ticks a second. */
export function threadCpu(pid: number, before: Map<string, number>, after: Map<string, number>, seconds: number): ThreadCpu | undefined {
  if (after.size === 0) return undefined;
  const cores = (tid: string) => (after.get(tid)! - (before.get(tid) ?? 0)) / 100 / seconds;
  const others = [...after.keys()]
    .filter((tid) => tid !== String(pid))
    .map(cores)
    .filter((c) => c >= 0.05)
    .sort((a, b) => b - a);
  return { main: after.has(String(pid)) ? cores(String(pid)) : 0, others };
}
