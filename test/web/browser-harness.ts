import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { snippet } from '@eventline/web';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
export const collectorSupport = new URL('../support/collector-process.ts', import.meta.url);

/** Why the browser end-to-end tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
  if (!existsSync(collectorSupport)) return 'test/support/collector-process.ts is missing: no collector to send to';
  if (!existsSync(chromiumPath)) return `${chromiumPath} is missing: run scripts/ensure-chromium.sh`;
  return undefined;
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });

/**
 * A site on its own origin (so every send is a real cross-origin request, as on a customer's site)
 * whose page loads the SDK with the script-tag snippet from the collector's /sdk/eventline.min.js.
 * Each answer of the collector is kept in `window.answers` for the test to read.
 */
export async function startSite(collectorUrl: string, writeKey: string): Promise<{ url: string; close(): Promise<void> }> {
  const init = JSON.stringify({ endpoint: collectorUrl, writeKey, flushInterval: 300, debug: true });
  const html = `<!doctype html><html><head><title>e2e</title>
<script>window.answers = [];</script>
<script>${snippet(`${collectorUrl}/sdk/eventline.min.js`)}
eventline.init(Object.assign(${init}, { onAnswer: function (a) { window.answers.push(a); } }));</script>
</head><body>site</body></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `read` until `done` holds, or fails with the last value after `ms`. */
export async function waitFor<T>(read: () => T | Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > end) throw new Error(`timed out; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
