import { loadavg } from 'node:os';
import { startCollector } from '../test/support/collector-process';
import { collectorOptions, countStored, type IngestTarget } from './ingest-target';
import { postBatches } from './post-batches';
import { startReadLoad, type ReadLoadResult, type RunningReadLoad } from './read-load';

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
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** The 1-minute load average when the phase began and when it ended. */
  load: { before: number; after: number };
  reads?: ReadLoadResult;
}

/**
 * One phase over HTTP, as an operator would see it: a real collector process on `target`, autocannon in
 * this process posting batches for `duration` seconds, optionally with the read load running in a third
 * process; events/s is what the store holds afterwards that it did not before.
 */
export async function runIngestPhase(options: IngestPhaseOptions): Promise<IngestPhaseResult> {
  const before = await countStored(options.target);
  const loadBefore = loadavg()[0]!;
  const { dbPath, env } = collectorOptions(options.target);
  const collector = await startCollector({ ...(dbPath ? { dbPath } : {}), env: { ...env, EVENTLINE_METRICS: options.metrics } });
  let readLoad: RunningReadLoad | undefined;
  try {
    readLoad = options.reads ? await startReadLoad({ url: collector.url, key: collector.adminKey, ...options.reads }) : undefined;
    const result = await postBatches({ url: collector.url, writeKey: collector.writeKey, connections: options.connections, duration: options.duration, body: options.body });
    const reads = await readLoad?.stop();
    readLoad = undefined;
    const loadAfter = loadavg()[0]!;
    await collector.stop();
    const stored = (await countStored(options.target)) - before;
    return {
      eventsPerSecond: stored / options.duration,
      stored,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      load: { before: loadBefore, after: loadAfter },
      ...(reads ? { reads } : {}),
    };
  } finally {
    readLoad?.kill();
    await collector.stop();
  }
}
