import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ReadLoadOptions {
  url: string;
  /** A key that may read: exports and customer queries. */
  key: string;
  /** The customer condition the filter clients post to /v1/customers/query. */
  condition: unknown;
  filterClients: number;
}

export interface ReadStats {
  /** Whole exports read to their end / filter answers received (200). */
  completed: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Failed reads by what came back, e.g. `{ "503 reads_busy": 3, "429 too_many_requests": 1 }`. */
  errors: Record<string, number>;
}

export interface ReadLoadResult {
  /** `events`: lines read, the export the stop cut short included. */
  exports: ReadStats & { events: number };
  /** `matched`: the customers the last answer counted, to show the condition selects someone. */
  filters: ReadStats & { matched: number };
}

export interface RunningReadLoad {
  /** Ends the reads (those in flight are abandoned, not counted) and answers what they did. */
  stop(): Promise<ReadLoadResult>;
  /** Ends the child at once, when the phase failed. */
  kill(): void;
}

/**
 * Starts the reads of the ingest benchmark in a child process (read-load-child.ts) and resolves once
 * the collector has answered the first of them, so the ingest that follows runs against reads in progress.
 */
export function startReadLoad(options: ReadLoadOptions): Promise<RunningReadLoad> {
  // The child inherits this process's --import tsx, so it runs from source like the rest of the bench.
  const child = fork(fileURLToPath(new URL('./read-load-child.ts', import.meta.url)), [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the read load exited (${code}) before it was stopped`))));
  exited.catch(() => {});
  const message = (type: string) =>
    Promise.race([
      new Promise<{ type: string; result?: ReadLoadResult }>((resolve) => {
        const on = (m: { type: string }) => {
          if (m.type !== type) return;
          child.off('message', on);
          resolve(m);
        };
        child.on('message', on);
      }),
      exited,
    ]);
  const noAnswer = new Promise<never>((_, reject) =>
    setTimeout(() => {
      child.kill();
      reject(new Error('the collector answered no read within 30 s'));
    }, 30_000).unref(),
  );
  return Promise.race([message('running'), noAnswer]).then(() => ({
    async stop() {
      const answer = message('result');
      child.send('stop');
      return (await answer).result!;
    },
    kill: () => child.kill(),
  }));
}
