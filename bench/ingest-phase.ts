import { loadavg } from 'node:os';
import { startCollector } from '../test/support/collector-process';
import { collectorOptions, countStored, type IngestTarget } from './ingest-target';
import { postBatches } from './post-batches';
import { startReadLoad, type ReadLoadResult, type RunningReadLoad } from './read-load';
import { threadCpu, threadTicks, type ThreadCpu } from './thread-cpu';

export interface IngestPhaseOptions {
  target: IngestTarget;
  metrics: 'on' | 'off';
  duration: number;
  connections: number;
  body: () => string;
  /** Set: the reads that run beside the ingest (phase (c)); unset: ingest alone. */
  reads?: { condition: unknown; filterClients: number };
}

export interface IngestPhaseResult {
  eventsPerSecond: number;
  stored: number;
  /** Null when no request was answered within the phase (a stalled collector), never a flattering 0. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Requests answered within the phase, and those still waiting when it ended (not in p50/p99). */
  answered: number;
  unanswered: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  /** The 1-minute load average when the phase began and when it ended. */
  load: { before: number; after: number };
  reads?: ReadLoadResult;
  /** The collector's CPU over the phase, by thread (Linux only): what it did with the cores, or whether it waited. */
  cpu?: ThreadCpu;
}

/**
 * One phase over HTTP, as an operator would see it: a real collector process on `target`, autocannon in
 * this process posting batches for `duration` seconds, optionally with the read load running in a third
 * process; events/s is what the store holds at the end that it did not before.
 */
export async function runIngestPhase(options: IngestPhaseOptions): Promise<IngestPhaseResult> {
  const before = await countStored(options.target);
  const loadBefore = loadavg()[0]!;
  const { dbPath, env } = collectorOptions(options.target);
  const collector = await startCollector({ ...(dbPath ? { dbPath } : {}), env: { ...env, EVENTLINE_METRICS: options.metrics } });
  let readLoad: RunningReadLoad | undefined;
  try {
    readLoad = options.reads ? await startReadLoad({ url: collector.url, key: collector.adminKey, ...options.reads }) : undefined;
    const ticks = threadTicks(collector.pid);
    const started = performance.now();
    const result = await postBatches({ url: collector.url, writeKey: collector.writeKey, connections: options.connections, duration: options.duration, body: options.body });
    // Counted while the collector still runs: batches it commits after the phase (during its stop) are not the phase's.
    const cpu = threadCpu(collector.pid, ticks, threadTicks(collector.pid), (performance.now() - started) / 1000);
    const stored = (await countStored(options.target)) - before;
    const loadAfter = loadavg()[0]!;
    const reads = await readLoad?.stop();
    readLoad = undefined;
    const answered = result['2xx'] + result.non2xx;
    return {
      eventsPerSecond: stored / options.duration,
      stored,
      p50Ms: answered > 0 ? result.latency.p50 : null,
      p99Ms: answered > 0 ? result.latency.p99 : null,
      answered,
      unanswered: result.requests.sent - answered,
      non2xx: result.non2xx,
      errors: result.errors,
      load: { before: loadBefore, after: loadAfter },
      ...(reads ? { reads } : {}),
      ...(cpu ? { cpu } : {}),
    };
  } finally {
    readLoad?.kill();
    await collector.stop();
  }
}
