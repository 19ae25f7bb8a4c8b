import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startCollector } from '../test/support/collector-process';
import { gzipSize } from './gzip-size';
import { eventline, peers, type SdkUnderTest } from './sdk-peers';
import { SdkStub, type Fault } from './sdk-stub';
import { writeSection } from './write-section';

// Eventline's script tag against Segment's and Snowplow's browser SDKs in one headless Chromium: the
// same events, the same faults, each SDK on its own 127.0.0.1 origin. Nothing leaves 127.0.0.1: every
// other request is aborted and counted.
const bundlePath = fileURLToPath(new URL('../packages/web/dist/eventline.min.js', import.meta.url));
if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run \`npm run build\` first`);

const EVENTS = 10; // per scenario (per tab)
const SETTLE_MS = 12_000; // how long a scenario waits for deliveries
// Longer than Eventline's retries of a lone failing event (5, about 15 s of backoff), which hold back the events behind it.
const POISON_SETTLE_MS = 30_000;
const PERF_EVENTS = 500;

const collector = await startCollector();
const admin = { authorization: `Bearer ${collector.adminKey}`, 'content-type': 'application/json' };
const properties = [
  { id: 'cl_seq', name: 'Seq', type: 'number', required: true },
  { id: 'cl_sku', name: 'SKU', type: 'text' },
  { id: 'cl_price', name: 'Price', type: 'number' },
];
for (const id of ['cl_bench', 'cl_poison']) {
  const res = await fetch(`${collector.url}/v1/definitions`, { method: 'POST', headers: admin, body: JSON.stringify({ id, name: id, type: 'inbound', score: 1, properties }) });
  if (res.status !== 201) throw new Error(`definition ${id}: ${res.status} ${await res.text()}`);
}

const sdks = [eventline(readFileSync(bundlePath, 'utf8'), collector.writeKey), ...(await peers())];
const stubs = sdks.map((sdk, i) => new SdkStub(sdk, i === 0 ? collector.url : undefined)).filter((s) => !process.env.BENCH_SDK || s.sdk.name.includes(process.env.BENCH_SDK));
for (const stub of stubs) await stub.listen();

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
let external = 0;

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    if (new URL(route.request().url()).hostname === '127.0.0.1') return route.continue();
    external++;
    return route.abort();
  });
  // A blank tab stays open, as in a browser window: closing a context's last page can end the context.
  await context.newPage();
  return context;
}

async function open(context: BrowserContext, stub: SdkStub): Promise<Page> {
  const page = await context.newPage();
  await page.goto(stub.origin);
  await page.evaluate((origin) => (window as unknown as { sdk: { init(o: string): void } }).sdk.init(origin), stub.origin);
  return page;
}

let seq = 0;
/** Tracks `count` bench events (one of them `poisonAt` named cl_poison); answers their cl_seq numbers. */
async function track(page: Page, count: number, poisonAt = -1): Promise<number[]> {
  const seqs = Array.from({ length: count }, () => ++seq);
  await page.evaluate(
    ([seqs, poisonAt]) => {
      const sdk = (window as unknown as { sdk: { track(e: string, p: object): void } }).sdk;
      seqs.forEach((s, i) => sdk.track(i === poisonAt ? 'cl_poison' : 'cl_bench', { cl_seq: s, cl_sku: 'SKU-123', cl_price: 19.9 }));
      (window as unknown as { trackedAt: number }).trackedAt = Date.now();
    },
    [seqs, poisonAt] as const,
  );
  return seqs;
}

/**
 * Closes a page as a user does (unload handlers run) and waits until it is gone: page.close with
 * runBeforeUnload returns before that, and emulating the network on a closing page throws.
 */
async function closePage(page: Page): Promise<void> {
  const closed = new Promise((resolve) => page.once('close', resolve));
  await page.close({ runBeforeUnload: true });
  await closed;
}

/** Waits until `want` of `seqs` arrived or the settle time is over. */
async function settle(stub: SdkStub, seqs: number[], want = seqs.length, ms = SETTLE_MS): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && stub.count(seqs) < want) await new Promise((r) => setTimeout(r, 100));
}

type Row = Record<string, string>;
const scenarios: Record<string, (stub: SdkStub) => Promise<string>> = {
  async 'offline → close → reopen'(stub) {
    const context = await newContext();
    const page = await open(context, stub);
    await context.setOffline(true);
    const seqs = await track(page, EVENTS);
    await new Promise((r) => setTimeout(r, 1000));
    await closePage(page);
    await context.setOffline(false);
    await open(context, stub);
    await settle(stub, seqs);
    await context.close();
    return `${stub.count(seqs)}/${EVENTS}`;
  },
  async 'close right after track'(stub) {
    const context = await newContext();
    const page = await open(context, stub);
    // How soon after the tracks the page went decides what an SDK that writes before it sends can send
    // from memory; noted synchronously as the page goes, read by the reopened page.
    await page.evaluate(() => addEventListener('pagehide', () => localStorage.setItem('bench:closedAfterMs', String(Date.now() - (window as unknown as { trackedAt: number }).trackedAt))));
    const seqs = await track(page, EVENTS);
    await closePage(page);
    await new Promise((r) => setTimeout(r, 2000));
    const atClose = stub.count(seqs);
    const reopened = await open(context, stub);
    const closedAfterMs = await reopened.evaluate(() => localStorage.getItem('bench:closedAfterMs'));
    await settle(stub, seqs);
    await context.close();
    return `${atClose}/${EVENTS} at close (closed ${closedAfterMs} ms after the tracks), ${stub.count(seqs)}/${EVENTS} after reopen`;
  },
  async 'two tabs'(stub) {
    const context = await newContext();
    const [a, b] = [await open(context, stub), await open(context, stub)];
    const seqs = [...(await track(a, EVENTS)), ...(await track(b, EVENTS))];
    await settle(stub, seqs);
    await context.close();
    const twice = seqs.filter((s) => (stub.delivered.get(s) ?? 0) > 1).length;
    return `${stub.count(seqs)}/${seqs.length}, ${twice} sent twice, ${stub.requests} requests`;
  },
  async '503 three times'(stub) {
    stub.reset({ kind: 'fail-first', count: 3, status: 503 });
    const context = await newContext();
    const page = await open(context, stub);
    const seqs = await track(page, EVENTS);
    await settle(stub, seqs);
    await context.close();
    return `${stub.count(seqs)}/${EVENTS}, ${stub.requests} requests`;
  },
  async 'poison event'(stub) {
    stub.reset({ kind: 'poison', event: 'cl_poison', status: 500 });
    const context = await newContext();
    const page = await open(context, stub);
    const seqs = await track(page, EVENTS, 4);
    const others = seqs.filter((_, i) => i !== 4);
    await settle(stub, others, others.length, POISON_SETTLE_MS);
    await context.close();
    return `${stub.count(others)}/${others.length} others delivered, ${stub.requests} requests`;
  },
};

/** track() µs per call (median of batches), main-thread µs per event and requests per event, on a healthy collector. */
async function measure(stub: SdkStub): Promise<Row> {
  stub.reset();
  const context = await newContext();
  const page = await open(context, stub);
  await new Promise((r) => setTimeout(r, 1000));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0);
  const before = await taskSeconds();
  const first = seq + 1;
  const perCall = await page.evaluate(
    ([first, total]) => {
      const sdk = (window as unknown as { sdk: { track(e: string, p: object): void } }).sdk;
      const times: number[] = [];
      for (let b = 0; b < total / 50; b++) {
        const start = performance.now();
        for (let i = 0; i < 50; i++) sdk.track('cl_bench', { cl_seq: first + b * 50 + i, cl_sku: 'SKU-123', cl_price: 19.9 });
        times.push(((performance.now() - start) * 1000) / 50);
      }
      return times.sort((x, y) => x - y)[Math.floor(times.length / 2)]!;
    },
    [first, PERF_EVENTS] as const,
  );
  const seqs = Array.from({ length: PERF_EVENTS }, (_, i) => first + i);
  seq += PERF_EVENTS;
  await settle(stub, seqs, PERF_EVENTS, 30_000);
  const mainThread = ((await taskSeconds()) - before) * 1e6;
  const delivered = stub.count(seqs);
  await context.close();
  return {
    'track() µs/call (median)': perCall.toFixed(1),
    'main thread µs/event': (mainThread / PERF_EVENTS).toFixed(0),
    'requests/event': (stub.requests / Math.max(1, delivered)).toFixed(3),
    delivered: `${delivered}/${PERF_EVENTS}`,
  };
}

const scriptDir = mkdtempSync(join(tmpdir(), 'eventline-sdk-bench-'));
const results: { sdk: SdkUnderTest; size: number; perf: Row; scenarios: Row }[] = [];
for (const stub of stubs) {
  const file = join(scriptDir, `${results.length}.js`);
  writeFileSync(file, stub.sdk.script);
  const perf = await measure(stub);
  const outcome: Row = {};
  for (const [name, run] of Object.entries(scenarios)) {
    stub.reset();
    outcome[name] = await run(stub);
    console.log(`${stub.sdk.name}: ${name}: ${outcome[name]}`);
  }
  results.push({ sdk: stub.sdk, size: gzipSize(file), perf, scenarios: outcome });
}
const chromiumVersion = browser.version();
// A shared machine slows every SDK alike within the run, but not run to run: the load goes beside the figures.
const load = loadavg()[0]!.toFixed(1);
await browser.close();
for (const stub of stubs) stub.close();
await collector.stop();

const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
const table = (header: string, rows: [string, Row][]) => {
  const columns = Object.keys(rows[0]![1]);
  return [`| ${header} | ${columns.join(' | ')} |`, `| --- |${columns.map(() => ' --- |').join('')}`, ...rows.map(([name, row]) => `| ${name} | ${columns.map((c) => row[c]).join(' | ')} |`)].join('\n');
};
const label = (r: (typeof results)[number]) => `${r.sdk.name} ${r.sdk.version}`;
const markdown = `## SDK comparison (\`npm run build && npm run bench:sdk\`)

Measured at commit ${commit} (${new Date().toISOString().slice(0, 10)}), Chromium ${chromiumVersion} (headless), Node ${process.version}, load average ${load}: today's web SDK, so rerun after SDK changes.

One Chromium run (playwright-core, \`/usr/bin/chromium\`). Each SDK's page, script and collector
endpoint are on its own 127.0.0.1 origin, served by \`bench/sdk-stub.ts\`; Eventline's requests go on to a
real collector process (SQLite, definitions for the bench events), the peers get a 200 from the stub.
Peers are bundled from node_modules by rollup (\`bench/sdk-peers.ts\`: node-resolve, commonjs, terser,
one IIFE) with their documented persistence and retry options:
${results.map((r) => `- ${label(r)}: ${r.sdk.options}.`).join('\n')}

Every scenario starts in a fresh browser context with ${EVENTS} events of \`{cl_seq, cl_sku, cl_price}\`
and waits up to ${SETTLE_MS / 1000} s for them; an event counts as delivered when a request carrying it was
answered 2xx. Faults come from the stub: offline is Chromium's offline mode; "close" is
\`page.close({ runBeforeUnload: true })\`, "reopen" a new page in the same context; "503 three times"
answers the first three requests 503; the poison event (the 5th) makes the stub answer 500 to any
request that carries it, and that scenario waits up to ${POISON_SETTLE_MS / 1000} s for the other nine. Requests to any other host: ${external} (all aborted).

${table('SDK', results.map((r) => [label(r), { 'gzip -9 bytes': String(r.size), ...r.perf }]))}

track() is timed in the page in batches of 50 (the page clock is coarse); main-thread time is Chromium's
TaskDuration (CDP Performance metrics) from the first track to the last delivery of ${PERF_EVENTS} events,
divided by ${PERF_EVENTS}; requests/event counts every request the stub received.

${table('SDK', results.map((r) => [label(r), r.scenarios]))}

"Close right after track" races the page's unload against each SDK's storage write and send, so on a
loaded machine it varies from run to run: read it over several runs before drawing a conclusion.
Eventline's closing page sends only what is still in memory once its stored state has loaded: events
reach IndexedDB 50 ms after the last track (one write per burst), and a page closed later leaves them
there for the next page of the site, which sends them at its start; a page closed before its state
loaded (the tracks here follow \`init\` at once) saves them in localStorage for that next page, or sends
them itself if the load ends before it is gone. So Eventline's "at close" is 10/10 or 0/10 with the
close's timing (the ms are in the cell), and "after reopen" is 10/10 either way. The peers send each
event as it is tracked.`;

writeSection('sdk-compare', markdown);
console.log(markdown);
