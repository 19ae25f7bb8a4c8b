import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Raises the calling thread's nice value by `by` (at most to 19), where the system can: on
 * Linux a thread is scheduled on its own, and `/proc/thread-self` names its id. A reader thread calls it
 * so that, with every core busy, the request and writer threads get the CPU first: a long read then
 * slows down instead of slowing ingest. Elsewhere it does nothing.
 */
export function lowerThreadPriority(by: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + by));
  } catch {
    // No /proc (not Linux), or a sandbox that refuses: the thread keeps the process's priority.
  }
}
