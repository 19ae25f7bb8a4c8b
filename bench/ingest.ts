// npm run bench:ingest [-- --events 500000 --duration 20 --store postgres --metrics on|off|ab --no-write]
// One run, three figures (docs/benchmarks.md, "Ingest"): (a) raw SQLite on this machine, (b) a real
// collector process ingesting over HTTP alone, (c) the same while an export and two customer filters
// loop. --store postgres runs (b) and (c) on a fresh schema in EVENTLINE_BENCH_DATABASE_URL (else
// EVENTLINE_TEST_DATABASE_URL), dropped at the end; (a) stays SQLite, the bar in both. --metrics off runs
// the collector with EVENTLINE_METRICS=off; ab adds (b′), phase (b) with metrics off, beside (b) with them on.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { batchBodies } from './ingest-batch';
import { runIngestPhase, type IngestPhaseOptions } from './ingest-phase';
import { rawSqliteReference } from './ingest-raw-reference';
import { ingestSection, ingestTables, type IngestReport } from './ingest-report';
import { onSchema, type IngestTarget } from './ingest-target';
import { seedDatabase, seedPostgres } from './seed-database';
import { writeSection } from './write-section';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '500000' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    batch: { type: 'string', default: '50' },
    // How long (a) writes after its preload; unset: as long as a phase, at most 10 s.
    'raw-seconds': { type: 'string' },
    spread: { type: 'boolean', default: false },
    metrics: { type: 'string', default: 'on' },
    'no-write': { type: 'boolean', default: false },
    store: { type: 'string', default: 'sqlite' },
  },
});
const store = values.store;
if (store !== 'sqlite' && store !== 'postgres') throw new Error('--store is sqlite or postgres');
const metrics = values.metrics;
if (metrics !== 'on' && metrics !== 'off' && metrics !== 'ab') throw new Error('--metrics is on, off or ab');
const pgUrl = process.env.EVENTLINE_BENCH_DATABASE_URL ?? process.env.EVENTLINE_TEST_DATABASE_URL;
if (store === 'postgres' && !pgUrl) throw new Error('--store postgres needs EVENTLINE_BENCH_DATABASE_URL (or EVENTLINE_TEST_DATABASE_URL): bash scripts/ensure-postgres.sh prints one');
const preload = Number(values.events);
const duration = Number(values.duration);
const connections = Number(values.connections);
const batch = Number(values.batch);
const rawSeconds = values['raw-seconds'] ? Number(values['raw-seconds']) : Math.min(duration, 10);

const dir = mkdtempSync(join(tmpdir(), 'eventline-bench-'));
const postgres = store === 'postgres' ? { url: pgUrl!, schema: `bench_${randomBytes(4).toString('hex')}` } : undefined;
try {
  // (a) first, on a machine not yet warmed by a collector.
  console.log('(a) raw SQLite reference…');
  const rawLoad = loadavg()[0]!;
  const raw = { ...rawSqliteReference({ dir, preload: 200_000, transaction: 500, seconds: rawSeconds }), preload: 200_000, transaction: 500, seconds: rawSeconds };
  const rawResult = { ...raw, load: { before: rawLoad, after: loadavg()[0]! } };

  console.log(`seeding ${preload} events${postgres ? ` into PostgreSQL schema ${postgres.schema}` : ''}…`);
  const seedOptions = { events: preload, customers: 10_000, eventTypes: 20, days: 90, countProperty: true };
  const seeded = join(dir, 'seeded.db');
  const seed = postgres ? await seedPostgres(postgres, seedOptions) : await seedDatabase(seeded, seedOptions);
  const [a, b] = seed.eventIds as [string, string];
  // "Did A at least twice in 30 days and not B with cl_count > 40 in the last day."
  const condition = {
    all: [{ did: { event: a, atLeast: 2, within: '30d' } }, { didNot: { event: b, within: '24h', where: [{ property: 'cl_count', op: '>', value: 40 }] } }],
  };
  // SQLite: every phase starts from its own copy of the seeded file, so (b) and (c) start equal.
  let copies = 0;
  const target = (): IngestTarget => {
    if (postgres) return { store: 'postgres', ...postgres };
    const path = join(dir, `phase-${++copies}.db`);
    copyFileSync(seeded, path);
    return { store: 'sqlite', path };
  };
  const body = batchBodies(seed, batch, values.spread);
  const phase = (name: string, options: Partial<IngestPhaseOptions>) => {
    console.log(`${name}…`);
    return runIngestPhase({ target: target(), metrics: metrics === 'off' ? 'off' : 'on', duration, connections, body, ...options });
  };
  const alone = await phase('(b) ingest alone', {});
  const aloneMetricsOff = metrics === 'ab' ? await phase('(b′) ingest alone, metrics off', { metrics: 'off' }) : undefined;
  const underReads = await phase('(c) ingest while reads run', { reads: { condition, filterClients: 2 } });

  let machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
  if (postgres) {
    const [server] = await onSchema<{ version: string; synchronous_commit: string; fsync: string }>(
      postgres,
      "select version(), current_setting('synchronous_commit') synchronous_commit, current_setting('fsync') fsync",
    );
    machine += `, ${server!.version.split(' on ')[0]} on the same machine (fsync ${server!.fsync}, synchronous_commit ${server!.synchronous_commit})`;
  }
  const report: IngestReport = {
    store,
    machine,
    preload,
    duration,
    connections,
    batch,
    spread: values.spread,
    metrics,
    condition: `"did ${a} at least twice in 30 days and not ${b} with cl_count > 40 in the last day" (\`${JSON.stringify(condition)}\`)`,
    raw: rawResult,
    alone,
    ...(aloneMetricsOff ? { aloneMetricsOff } : {}),
    underReads,
  };
  console.log(`\n${machine}\n\n${ingestTables(report)}`);
  if (!values['no-write']) writeSection(postgres ? 'ingest-postgres' : 'ingest', ingestSection(report));
} finally {
  if (postgres) await onSchema(postgres, 'drop schema if exists $schema cascade');
  rmSync(dir, { recursive: true, force: true });
}
