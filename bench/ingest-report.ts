import type { RawReferenceResult } from './ingest-raw-reference';
import type { IngestPhaseResult } from './ingest-phase';
import type { ReadStats } from './read-load';

export interface IngestReport {
  store: 'sqlite' | 'postgres';
  /** `2 × AMD EPYC, Node v20.x`, and for PostgreSQL its version and durability settings. */
  machine: string;
  preload: number;
  duration: number;
  connections: number;
  batch: number;
  spread: boolean;
  metrics: 'on' | 'off' | 'ab';
  condition: string;
  raw: RawReferenceResult & { load: { before: number; after: number }; preload: number; transaction: number; seconds: number };
  alone: IngestPhaseResult;
  /** Phase (b) again with EVENTLINE_METRICS=off (`--metrics ab`). */
  aloneMetricsOff?: IngestPhaseResult;
  underReads: IngestPhaseResult;
}

const n = (x: number) => Math.round(x).toLocaleString('en');
const load = (l: { before: number; after: number }) => `${l.before.toFixed(1)} → ${l.after.toFixed(1)}`;
const verdict = (met: boolean) => (met ? 'met' : 'missed');
const ms = (x: number | null, none = 'none answered') => (x === null ? none : `${n(x)} ms`);
const errors = (s: ReadStats) => Object.entries(s.errors).map(([what, count]) => `${count} × ${what}`).join(', ') || 'none';

/** The figures of one run as markdown tables: the phases, the targets, and what the reads did. */
export function ingestTables(r: IngestReport): string {
  const phase = (name: string, p: IngestPhaseResult) =>
    `| ${name} | ${n(p.eventsPerSecond)} events/s | ${ms(p.p50Ms)} | ${ms(p.p99Ms)} | ${n(p.answered)} / ${n(p.unanswered)} | ${p.non2xx} / ${p.errors} | ${load(p.load)} |`;
  const metricsNote = r.metrics === 'off' ? ', EVENTLINE_METRICS=off' : '';
  const rows = [
    '| phase | rate | p50 | p99 | answered / unanswered at the end | non-2xx / errors | load (1 min) before → after |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    `| (a) raw SQLite reference | ${n(r.raw.rowsPerSecond)} rows/s | ${r.raw.p50Ms.toFixed(1)} ms per transaction | ${r.raw.p99Ms.toFixed(1)} ms | – | – | ${load(r.raw.load)} |`,
    phase(`(b) ingest alone${metricsNote}`, r.alone),
    ...(r.aloneMetricsOff ? [phase('(b′) ingest alone, EVENTLINE_METRICS=off', r.aloneMetricsOff)] : []),
    phase(`(c) ingest while reads run${metricsNote}`, r.underReads),
  ];
  const alone = r.alone.eventsPerSecond / r.raw.rowsPerSecond;
  const under = r.underReads.eventsPerSecond / r.alone.eventsPerSecond;
  const checks = [
    '| check | value | target | |',
    '| --- | ---: | --- | --- |',
    `| (b) / (a) | ${alone.toFixed(2)} | ≥ 0.8 | ${verdict(alone >= 0.8)} |`,
    `| (c) / (b) | ${under.toFixed(2)} | ≥ 0.7 | ${verdict(under >= 0.7)} |`,
    `| (b) p99 | ${ms(r.alone.p99Ms)} | ≤ 100 ms | ${verdict(r.alone.p99Ms !== null && r.alone.p99Ms <= 100)} |`,
    `| (c) p99 | ${ms(r.underReads.p99Ms)} | ≤ 100 ms | ${verdict(r.underReads.p99Ms !== null && r.underReads.p99Ms <= 100)} |`,
    `| non-2xx answers to ingest | ${r.alone.non2xx + r.underReads.non2xx} | 0 | ${verdict(r.alone.non2xx + r.underReads.non2xx === 0)} |`,
    ...(r.aloneMetricsOff ? [`| (b′) / (b): metrics off over on | ${(r.aloneMetricsOff.eventsPerSecond / r.alone.eventsPerSecond).toFixed(2)} | | |`] : []),
  ];
  const reads = r.underReads.reads!;
  const readRows = [
    '| reads during (c) | completed | p50 | p99 | errors |',
    '| --- | ---: | ---: | ---: | --- |',
    `| NDJSON export of every event, looped | ${reads.exports.completed} (${n(reads.exports.events)} events read in all) | ${ms(reads.exports.p50Ms, '–')} | ${ms(reads.exports.p99Ms, '–')} | ${errors(reads.exports)} |`,
    `| customer filter, looped by 2 clients${reads.filters.completed > 0 ? ` (${n(reads.filters.matched)} customers match)` : ''} | ${reads.filters.completed} | ${ms(reads.filters.p50Ms, '–')} | ${ms(reads.filters.p99Ms, '–')} | ${errors(reads.filters)} |`,
  ];
  const phases = [['(b)', r.alone], ['(b′)', r.aloneMetricsOff], ['(c)', r.underReads]] as const;
  const cpu = phases.flatMap(([name, p]) =>
    p?.cpu ? [`${name} ${p.cpu.main.toFixed(2)} on the request thread, ${p.cpu.others.map((c) => c.toFixed(2)).join(' + ') || 'none'} on the others`] : [],
  );
  const cpuNote = cpu.length > 0 ? [`The collector's CPU, in cores by thread (from /proc; threads under 0.05 of a core left out): ${cpu.join('; ')}.`] : [];
  return [rows.join('\n'), checks.join('\n'), readRows.join('\n'), ...cpuNote].join('\n\n');
}

/** The docs/benchmarks.md section: how it was measured, then the tables. */
export function ingestSection(r: IngestReport): string {
  const postgres = r.store === 'postgres';
  return `## ${postgres ? 'Ingest on PostgreSQL (`npm run bench:ingest -- --store postgres`)' : 'Ingest (`npm run bench:ingest`)'}

Measured ${new Date().toISOString().slice(0, 10)} on ${r.machine}; the 1-minute load average is given before and
after each phase (other work on the machine lowers every figure). One run, three phases:

- **(a) raw SQLite reference** (in both stores): better-sqlite3 alone on a file of its own, a text UUIDv7 primary key and
  two secondary indexes, WAL, synchronous FULL, ${n(r.raw.preload)} rows preloaded, then transactions of ${r.raw.transaction} rows
  for ${r.raw.seconds} s. No HTTP, JSON, validation or customers: what the disk and SQLite allow on this machine.
- **(b) ingest alone**: a real collector process on ${postgres ? 'a PostgreSQL schema' : 'a copy of a SQLite file (WAL, synchronous FULL)'} preloaded with ${n(r.preload)} events
  (10,000 customers, 20 custom event types, 90 days); autocannon in a second process on 127.0.0.1, ${r.connections} connections,
  batches of ${r.batch} valid events (fresh UUIDv7s; ${r.spread ? 'every event from a different customer' : 'each batch from one customer, as an SDK sends it'}), ${r.duration} s.
  Events/s is what the store holds afterwards that it did not before; p50 and p99 are autocannon's, over the
  requests answered within the phase (those still waiting at its end are counted apart, so a stall shows).
- **(c) ingest while reads run**: the same ingest ${postgres ? 'on the same schema (now holding (b)\'s events too)' : 'on a fresh copy of the same file'}, while a third
  process loops one NDJSON export of every event (\`GET /v1/events\`, read to the end, then again) and two clients
  loop \`POST /v1/customers/query\` with ${r.condition}.
  A failed read (any non-2xx) is counted below, not fatal.
${r.aloneMetricsOff ? `- **(b′)**: (b) again on a fresh ${postgres ? 'run on the same schema' : 'copy'} with \`EVENTLINE_METRICS=off\` (no request timing, no /metrics): what the metrics cost ingest.\n` : ''}
${ingestTables(r)}`;
}
