import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { gzipSize } from './gzip-size';
import { writeSection } from './write-section';

// track() in real Chromium, as a page calls it: the built script-tag bundle on a real origin (so the
// queue is in IndexedDB), timed in batches because the page's clock is coarsened to 5–100 µs.
const bundlePath = fileURLToPath(new URL('../packages/web/dist/eventline.min.js', import.meta.url));
if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run \`npm run build\` first`);
const bundle = readFileSync(bundlePath);

const BATCH = 200;
const BATCHES = 250;

const server = createServer((req, res) => {
  if (req.url === '/eventline.min.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    return res.end(bundle);
  }
  // The collector stand-in answers every batch: sending stays part of the page's work, as in production.
  if (req.url?.startsWith('/v1/events')) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    return res.end('{"accepted":0,"duplicates":0,"rejected":[]}');
  }
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end('<!doctype html><title>bench</title><script src="/eventline.min.js"></script>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
const page = await browser.newPage();
await page.goto(origin);
const version = browser.version();
const perCall = await page.evaluate(
  async ([origin, batch, batches]) => {
    const tracker = (window as unknown as { eventline: { init(o: object): void; ready(): Promise<void>; track(e: string, p: object): void } }).eventline;
    tracker.init({ endpoint: origin, writeKey: 'el_pub_bench' });
    await tracker.ready();
    const properties = { cl_sku: 'SKU-123', cl_price: 19.9, cl_gift: false, channel: 'web' };
    const times: number[] = [];
    for (let b = 0; b < batches; b++) {
      const start = performance.now();
      for (let i = 0; i < batch; i++) tracker.track('cl_add_to_cart', properties);
      times.push(((performance.now() - start) * 1000) / batch);
      // Let the debounced writes and the sends run between batches, as they would between clicks.
      await new Promise((r) => setTimeout(r, 5));
    }
    return times;
  },
  [origin, BATCH, BATCHES] as const,
);
await browser.close();
server.close();

perCall.sort((a, b) => a - b);
const at = (q: number) => perCall[Math.min(perCall.length - 1, Math.floor(q * perCall.length))]!;
const fmt = (n: number) => n.toFixed(2);
const size = gzipSize(bundlePath);

const markdown = `## Web SDK (\`npm run build && npm run bench:track\`)

Measured ${new Date().toISOString().slice(0, 10)}, Chromium ${version} (headless), Node ${process.version}.

**Size.** \`packages/web/dist/eventline.min.js\` (the script-tag IIFE: core, idb-keyval and the browser
adapters in one file): ${bundle.length} bytes minified, **${size} bytes min+gzip** (as \`gzip -9 -c FILE\`
counts it, header with the file name included, which is what the build's \`sizeBudget(5632)\` measures; the
build fails over 5,632 bytes). For scale, the issue quotes
Snowplow's queue-capable tracker at 17.4 KB and Segment's at 31.3 KB.

**track().** ${BATCHES} batches of ${BATCH} \`track('cl_add_to_cart', {4 properties})\` calls in a page on a
real origin (queue in IndexedDB, writes and sends running between batches); time per call,
per batch (the page clock is coarsened, so single calls cannot be timed):

| median µs | p90 µs | p99 µs | target |
| --- | --- | --- | --- |
| ${fmt(at(0.5))} | ${fmt(at(0.9))} | ${fmt(at(0.99))} | ≤ 20 µs median: ${at(0.5) <= 20 ? 'met' : 'missed'} |`;

writeSection('web', markdown);
console.log(markdown);
