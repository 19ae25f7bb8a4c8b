// The reads of `npm run bench:ingest` phase (c), in a process of their own so that reading a whole
// export never takes the event loop that drives autocannon: one client loops an NDJSON export of every
// event (read to the end, then again), `filterClients` loop POST /v1/customers/query. Started by
// read-load.ts with its options as argv[2]; runs until the parent sends 'stop', then answers the counts.
import { quantile } from './quantile';
import type { ReadLoadOptions, ReadLoadResult, ReadStats } from './read-load';

const options = JSON.parse(process.argv[2]!) as ReadLoadOptions;
const stopping = new AbortController();
const auth = { authorization: `Bearer ${options.key}` };
let announced = false;

function stats(): ReadStats & { ms: number[] } {
  return { completed: 0, p50Ms: null, p99Ms: null, errors: {}, ms: [] };
}
const exports = { ...stats(), events: 0 };
const filters = { ...stats(), matched: 0 };

/** A failed read is counted by what came back (`503 reads_busy`), never fatal; the client pauses before the next. */
async function failed(into: ReadStats, what: string): Promise<void> {
  into.errors[what] = (into.errors[what] ?? 0) + 1;
  await new Promise((resolve) => setTimeout(resolve, 100));
}

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => undefined)) as { error?: { code?: string } } | undefined;
  return `${res.status} ${body?.error?.code ?? ''}`.trim();
}

/** Tells the parent the reads are under way, once the collector has answered one. */
function running(): void {
  if (announced) return;
  announced = true;
  process.send!({ type: 'running' });
}

async function loopExport(): Promise<void> {
  while (!stopping.signal.aborted) {
    const started = performance.now();
    try {
      const res = await fetch(`${options.url}/v1/events`, { headers: { ...auth, accept: 'application/x-ndjson' }, signal: stopping.signal });
      running();
      if (res.status !== 200) {
        await failed(exports, await errorOf(res));
        continue;
      }
      // Lines are counted as they arrive: an export the stop cuts short still shows how far it got.
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) exports.events++;
      }
      exports.completed++;
      exports.ms.push(performance.now() - started);
    } catch (error) {
      if (!stopping.signal.aborted) await failed(exports, `network ${(error as Error).name}`);
    }
  }
}

async function loopFilter(): Promise<void> {
  const body = JSON.stringify({ condition: options.condition, limit: 100 });
  while (!stopping.signal.aborted) {
    const started = performance.now();
    try {
      const res = await fetch(`${options.url}/v1/customers/query`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body, signal: stopping.signal });
      running();
      if (res.status !== 200) {
        await failed(filters, await errorOf(res));
        continue;
      }
      filters.matched = ((await res.json()) as { count: number }).count;
      filters.completed++;
      filters.ms.push(performance.now() - started);
    } catch (error) {
      if (!stopping.signal.aborted) await failed(filters, `network ${(error as Error).name}`);
    }
  }
}

function summary({ ms, ...rest }: ReadStats & { ms: number[] }): ReadStats {
  const at = (q: number) => (ms.length === 0 ? null : Math.round(quantile(ms, q)));
  return { ...rest, p50Ms: at(0.5), p99Ms: at(0.99) };
}

const loops = [loopExport(), ...Array.from({ length: options.filterClients }, loopFilter)];
process.on('message', async (message) => {
  if (message !== 'stop') return;
  // Reads cut short by the stop are not completed: only whole exports and answered filters are.
  stopping.abort();
  await Promise.allSettled(loops);
  const result: ReadLoadResult = { exports: { ...summary(exports), events: exports.events }, filters: { ...summary(filters), matched: filters.matched } };
  process.send!({ type: 'result', result }, () => process.exit(0));
});
