import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, expect, it } from 'vitest';
import Sqlite from 'better-sqlite3';
import { startCollector, type RunningCollector } from '../support/collector-process';

/**
 * npm run test:soak: sustained ingest into a real collector process at a fixed rate, open loop (a
 * request leaves every tick whatever the previous answers), recording the collector's memory and the
 * answer times. SOAK_MINUTES (10), SOAK_RATE (8,000 events/s: half the benchmarked ingest rate),
 * SOAK_BATCH (50 events a request).
 *
 * The memory bound: after the first minute (SQLite's 64 MB page cache and the JIT warm up), the
 * collector's RSS grows by at most SOAK_MAX_GROWTH_MB (64) for the rest of the run. A leak of even
 * 100 bytes per event would break it: 8,000 events/s for 9 minutes is 430 MB.
 */
const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const rate = Number(process.env.SOAK_RATE ?? 8_000);
const batch = Number(process.env.SOAK_BATCH ?? 50);
const maxGrowthMb = Number(process.env.SOAK_MAX_GROWTH_MB ?? 64);
const warmupMs = Math.min(60_000, (minutes * 60_000) / 5);

let collector: RunningCollector | undefined;
afterAll(() => collector?.stop());

/** The collector process's resident memory, found by the database path in its environment. */
function collectorRssMb(dbPath: string): number {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`EVENTLINE_DB=${dbPath}`)) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    } catch {
      // a process that ended meanwhile, or one we may not read
    }
  }
  throw new Error('collector process not found');
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

it(`ingests ${rate} events/s for ${minutes} min with bounded memory`, async () => {
  collector = await startCollector();
  const c = collector;
  const tickMs = 100;
  const requestsPerTick = Math.max(1, Math.round((rate * tickMs) / 1000 / batch));
  const maxInFlight = 64;
  let inFlight = 0;
  let sent = 0;
  let issued = 0;
  let skipped = 0;
  let failed = 0;
  let window: number[] = [];
  const all: number[] = [];
  const rows: string[] = [];
  let baseline: number | undefined;
  let peak = 0;

  const post = async () => {
    const body = JSON.stringify({ events: Array.from({ length: batch }, (_, i) => ({ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: `soak-${sent % 5000}-${i % 5}` })) });
    inFlight++;
    const started = performance.now();
    try {
      const res = await fetch(`${c.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${c.writeKey}`, 'content-type': 'application/json' }, body });
      const answer = (await res.json()) as { accepted?: number };
      if (res.status !== 200 || answer.accepted !== batch) failed++;
      else sent++;
    } catch {
      failed++;
    } finally {
      inFlight--;
      const ms = performance.now() - started;
      window.push(ms);
      all.push(ms);
    }
  };

  const start = Date.now();
  const end = start + minutes * 60_000;
  let nextReport = start + 30_000;
  while (Date.now() < end) {
    const tickStart = Date.now();
    // As many requests as are due by the clock, so a late tick (a busy client) does not lower the rate.
    const due = Math.floor(((tickStart - start) * rate) / 1000 / batch) - issued;
    for (let i = 0; i < due; i++) {
      issued++;
      if (inFlight >= maxInFlight) skipped++;
      else void post();
    }
    if (Date.now() >= nextReport) {
      const rss = collectorRssMb(c.dbPath);
      if (baseline === undefined && Date.now() - start >= warmupMs) baseline = rss;
      if (baseline !== undefined) peak = Math.max(peak, rss);
      const sorted = window.sort((a, b) => a - b);
      const row = `| ${Math.round((Date.now() - start) / 1000)} | ${rss.toFixed(0)} | ${quantile(sorted, 0.5).toFixed(1)} | ${quantile(sorted, 0.99).toFixed(1)} | ${((sorted.length * batch * 1000) / 30_000).toFixed(0)} |`;
      rows.push(row);
      console.log(row);
      window = [];
      nextReport += 30_000;
    }
    await new Promise((r) => setTimeout(r, Math.max(0, tickMs - (Date.now() - tickStart))));
  }
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
  const seconds = (Date.now() - start) / 1000;
  const final = collectorRssMb(c.dbPath);
  peak = Math.max(peak, final);
  baseline ??= final;
  const sorted = all.sort((a, b) => a - b);
  const summary = [
    `soak: ${minutes} min at ${rate} events/s offered (${batch}-event requests, ${issued} offered, ${requestsPerTick} every ${tickMs} ms)`,
    `  stored ${sent * batch} events = ${((sent * batch) / seconds).toFixed(0)} events/s; failed requests ${failed}; skipped (over ${maxInFlight} in flight) ${skipped}`,
    `  answer ms p50 ${quantile(sorted, 0.5).toFixed(1)} p99 ${quantile(sorted, 0.99).toFixed(1)} max ${sorted.at(-1)!.toFixed(1)}`,
    `  machine load average (1, 5, 15 min) at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} CPUs`,
    `  collector RSS MB after warm-up ${baseline.toFixed(0)}, peak ${peak.toFixed(0)}, growth ${(peak - baseline).toFixed(0)} (bound ${maxGrowthMb})`,
    '| s | RSS MB | p50 ms | p99 ms | events/s |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  console.log(summary);

  expect(failed).toBe(0);
  const db = new Sqlite(c.dbPath, { readonly: true });
  try {
    expect(db.prepare('select count(*) as n from events').get()).toEqual({ n: sent * batch });
  } finally {
    db.close();
  }
  // It kept up: at least 95% of the offered requests were stored (the rest found 64 already in flight).
  expect(sent).toBeGreaterThanOrEqual(0.95 * issued);
  expect(peak - baseline).toBeLessThanOrEqual(maxGrowthMb);
}, (minutes * 60 + 120) * 1000);
