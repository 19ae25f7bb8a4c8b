import type { Rejection } from '@eventline/protocol';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What a scrape reads at that moment (from the store, or counters kept elsewhere), rather than counting on every event. */
export interface ScrapeSources {
  quarantineSize(): Promise<number>;
  /** Pending trigger deliveries that are due, and how long the oldest of them has waited (ms). */
  outbox(): Promise<{ due: number; oldestDueMs: number }>;
  /** Since start: failed delivery attempts, and deliveries given up after their last retry. */
  deliveryFailures(): { attempts: number; givenUp: number };
  debuggerReaders(): number;
  writerQueueDepth(): number;
  /** The long reads: waiting for a reader (thread or connection), running, and stopped at the time limit since start. */
  reads(): { queued: number; running: number; timeouts: number };
}

// The process's own figures (memory, CPU, event loop lag) exist once per process, however many
// collectors a process holds (the tests make hundreds): one registry for them, made on first use.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'eventline_' });
  }
  return processRegistry;
}

/**
 * The collector's Prometheus metrics. Counters are bumped on the request path (a few increments per
 * batch, never per-event allocations); gauges that need the store are read at scrape time, so a
 * collector nobody scrapes pays nothing for them.
 */
export class CollectorMetrics {
  readonly registry = new Registry();
  private readonly events = new Counter({ name: 'eventline_events_total', help: 'Events received, by outcome (accepted, duplicate, rejected) and rejection code', labelNames: ['outcome', 'code'] as const, registers: [this.registry] });
  private readonly batches = new Counter({ name: 'eventline_batches_total', help: 'Batches recorded, by source (sdk, api, manual, replay, wechat)', labelNames: ['source'] as const, registers: [this.registry] });
  private readonly requests = new Histogram({
    name: 'eventline_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly groupCommit = new Histogram({ name: 'eventline_group_commit_batches', help: 'Batches that shared one store transaction', buckets: [1, 2, 4, 8, 16, 32, 64, 128], registers: [this.registry] });

  constructor(sources: ScrapeSources) {
    const gauge = (name: string, help: string, read: (g: Gauge) => Promise<void> | void) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          await read(this);
        },
      });
    gauge('eventline_quarantine_events', 'Rejected events kept in quarantine, pending replay', async (g) => g.set(await sources.quarantineSize()));
    const outbox = () => sources.outbox();
    gauge('eventline_trigger_outbox_due', 'Trigger deliveries due and not yet delivered', async (g) => g.set((await outbox()).due));
    gauge('eventline_trigger_outbox_lag_seconds', 'How long the oldest due trigger delivery has waited', async (g) => g.set((await outbox()).oldestDueMs / 1000));
    const counted = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    counted('eventline_trigger_delivery_attempts_failed_total', 'Trigger delivery attempts that failed (non-2xx, timeout, refused target)', () => sources.deliveryFailures().attempts);
    counted('eventline_trigger_deliveries_given_up_total', 'Trigger deliveries given up after their last retry', () => sources.deliveryFailures().givenUp);
    gauge('eventline_debugger_readers', 'Open live debugger streams', (g) => g.set(sources.debuggerReaders()));
    gauge('eventline_writer_queue_batches', 'Batches waiting for the next group commit', (g) => g.set(sources.writerQueueDepth()));
    gauge('eventline_read_queue_calls', 'Long reads waiting for a reader thread (SQLite) or a read connection (PostgreSQL)', (g) => g.set(sources.reads().queued));
    gauge('eventline_read_running_calls', 'Long reads running now', (g) => g.set(sources.reads().running));
    counted('eventline_read_timeouts_total', 'Reads stopped at EVENTLINE_QUERY_TIMEOUT_MS', () => sources.reads().timeouts);
  }

  /** One recorded batch: its source and what became of each event. */
  recorded(source: string, accepted: number, duplicates: number, rejected: readonly Rejection[]): void {
    this.batches.inc({ source });
    if (accepted > 0) this.events.inc({ outcome: 'accepted', code: '' }, accepted);
    if (duplicates > 0) this.events.inc({ outcome: 'duplicate', code: '' }, duplicates);
    for (const r of rejected) this.events.inc({ outcome: 'rejected', code: r.code });
  }

  /** `route` is the matched pattern (`/v1/customers/:id`), never the raw path: ids would explode the series. */
  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe({ method, route, status: String(status) }, seconds);
  }

  committed(batches: number): void {
    this.groupCommit.observe(batches);
  }

  text(): Promise<string> {
    return Registry.merge([processMetrics(), this.registry]).metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
