// npm run bench:export [-- --events 1000000]
// Seeds a collector database with a million events, starts a real collector process on it and reads
// every event back over HTTP, as a warehouse job would: the NDJSON stream, then JSON pages of 1,000
// followed by cursor, then the stream of one event id. Writes the figures to docs/benchmarks.md.
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCollector } from '../test/support/collector-process';
import { seedDatabase } from './seed-database';
import { writeSection } from './write-section';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'no-write': { type: 'boolean', default: false },
  },
});
const events = Number(values.events);
const dbPath = join(mkdtempSync(join(tmpdir(), 'eventline-bench-')), 'export.db');
console.log(`seeding ${events} events…`);
const seed = await seedDatabase(dbPath, { events, customers: 10_000, eventTypes: 20, days: 90 });
const collector = await startCollector({ dbPath });
const auth = { authorization: `Bearer ${collector.adminKey}` };

async function stream(query: string) {
  const started = performance.now();
  const res = await fetch(`${collector.url}/v1/events${query}`, { headers: { ...auth, accept: 'application/x-ndjson' } });
  let firstByte = 0;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (firstByte === 0) firstByte = performance.now() - started;
    bytes += chunk.byteLength;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { lines, bytes, seconds: (performance.now() - started) / 1000, firstByte };
}

async function pages(limit: number) {
  const started = performance.now();
  let cursor: string | null = null;
  let count = 0;
  let requests = 0;
  do {
    const res = await fetch(`${collector.url}/v1/events?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth });
    const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    count += body.items.length;
    cursor = body.nextCursor;
    requests++;
  } while (cursor);
  return { count, requests, seconds: (performance.now() - started) / 1000 };
}

try {
  const loadBefore = loadavg()[0]!;
  const all = await stream('');
  if (all.lines !== events) throw new Error(`streamed ${all.lines} events, expected ${events}`);
  const paged = await pages(1000);
  if (paged.count !== events) throw new Error(`paged ${paged.count} events, expected ${events}`);
  const one = await stream(`?event=${seed.eventIds[0]}`);
  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
  const mb = (n: number) => (n / 1048576).toFixed(0);
  const lines = [
    `${all.lines.toLocaleString('en-US')} events over HTTP from a real collector process (SQLite, ${cpus().length} cores), client in a second process;`,
    `load average ${loadBefore.toFixed(1)} when it started (other work on the machine slows every figure).`,
    '',
    '| read | events | time | events/s | notes |',
    '| --- | ---: | ---: | ---: | --- |',
    `| NDJSON stream, all events | ${all.lines.toLocaleString('en-US')} | ${all.seconds.toFixed(1)} s | ${rate(all.lines, all.seconds)} | ${mb(all.bytes)} MB, first byte after ${all.firstByte.toFixed(0)} ms |`,
    `| JSON pages of 1,000 by cursor | ${paged.count.toLocaleString('en-US')} | ${paged.seconds.toFixed(1)} s | ${rate(paged.count, paged.seconds)} | ${paged.requests} requests, ${((paged.seconds * 1000) / paged.requests).toFixed(1)} ms each |`,
    `| NDJSON stream, one event id (${seed.eventIds[0]}) | ${one.lines.toLocaleString('en-US')} | ${one.seconds.toFixed(1)} s | ${rate(one.lines, one.seconds)} | index on (event, time) |`,
    '',
    'Memory while streaming is checked by `npx vitest run collector/src/export/export-stream-memory.test.ts` (200,000 events).',
  ];
  const section = `## Export (GET /v1/events)\n\n\`npm run bench:export -- --events ${events}\`\n\n${lines.join('\n')}`;
  console.log(section);
  if (!values['no-write']) writeSection('export', section);
} finally {
  await collector.stop();
}
