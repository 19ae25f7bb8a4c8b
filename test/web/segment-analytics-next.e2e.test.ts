import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import type { Browser } from 'playwright-core';
import { rollup, type Plugin } from 'rollup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorSupport, launchChromium, skipReason, waitFor } from './browser-harness';
import { orderCompletedDefinition } from '../../collector/src/testing/order-completed-definition';
import { defineEvent } from '../support/define-event';

type CollectorModule = typeof import('../support/collector-process');
type Collector = Awaited<ReturnType<CollectorModule['startCollector']>>;

const reason = skipReason();
if (reason) console.warn(`[analytics-next e2e] skipped: ${reason}`);

/** Segment's analytics-next from node_modules as a site bundles it (as bench/sdk-peers.ts does), exposed as window.AnalyticsBrowser. */
async function bundleAnalyticsNext(): Promise<string> {
  const entry = `import { AnalyticsBrowser } from '@segment/analytics-next'; window.AnalyticsBrowser = AnalyticsBrowser;`;
  const virtual: Plugin = { name: 'entry', resolveId: (id) => (id === '\0entry' ? id : null), load: (id) => (id === '\0entry' ? entry : null) };
  const build = await rollup({
    input: '\0entry',
    onwarn: () => {},
    plugins: [virtual, replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }), nodeResolve({ browser: true }), commonjs()],
  });
  const { output } = await build.generate({ format: 'iife', inlineDynamicImports: true });
  await build.close();
  return output[0].code;
}

/** A customer's site on its own origin: a page that loads the bundle and nothing else. */
async function startSite(script: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/analytics.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      return res.end(script);
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>Checkout</title><script src="/analytics.js"></script></head><body>shop</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/checkout?utm_source=newsletter`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Where every request for another host goes: it is counted and refused. A proxy rather than page.route:
 * with any route set, Playwright answers CORS preflights itself, and the preflights are part of what
 * is under test. 127.0.0.1 (the site and the collector) bypasses it.
 */
async function startBlackhole(): Promise<{ server: string; refused: string[]; close(): Promise<void> }> {
  const refused: string[] = [];
  const server = createServer((req, res) => {
    refused.push(req.url ?? '');
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket) => {
    refused.push(req.url ?? '');
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface ExportedEvent {
  event: string;
  customerId: string;
  properties: Record<string, unknown>;
}

/**
 * A team's analytics.js page switched to Eventline by settings alone, in real Chromium against a real
 * collector process: page, identify and track are recorded as page_view, identify and the defined event,
 * one customer holds the anonymous id and the user id, an undefined event is quarantined, and no
 * request leaves 127.0.0.1 (anything for another host is refused and counted).
 */
describe.skipIf(reason)('@segment/analytics-next in Chromium, pointed at the collector', () => {
  let collector: Collector;
  let browser: Browser;
  let site: { url: string; close(): Promise<void> };
  let blackhole: Awaited<ReturnType<typeof startBlackhole>>;
  const newContext = () => browser.newContext({ proxy: { server: blackhole.server, bypass: '127.0.0.1' } });

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${collector.url}${path}`, { headers: { Authorization: `Bearer ${collector.adminKey}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    const support = (await import(collectorSupport.href)) as CollectorModule;
    collector = await support.startCollector();
    await defineEvent(collector, orderCompletedDefinition);
    site = await startSite(await bundleAnalyticsNext());
    blackhole = await startBlackhole();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await blackhole?.close();
    await collector?.stop();
  });

  const setups = [
    ['apiHost and protocol (with cdnURL, so the settings come from the collector too)', 'user-1', true],
    ['cdnURL alone: the settings the collector serves name it as the API host', 'user-2', false],
  ] as const;

  it('the guard works: a request for another host is refused and counted', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(site.url);
    const before = blackhole.refused.length;
    const outcome = await page.evaluate(() => fetch('http://cdn.segment.com/v1/projects/x/settings').then((r) => r.status, () => 'failed'));
    expect(outcome).toBe('failed');
    expect(blackhole.refused.slice(before)).toEqual(['http://cdn.segment.com/v1/projects/x/settings']);
    await context.close();
  });

  it.each(setups)('records page, identify and track: %s', async (_name, userId, withApiHost) => {
    const context = await newContext();
    const sent: string[] = [];
    const seen: string[] = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      seen.push(url.href);
      if (url.origin === collector.url) sent.push(`${request.method()} ${url.pathname}`);
    });
    const page = await context.newPage();
    const before = blackhole.refused.length;
    await page.goto(site.url);
    const email = `${userId}@example.com`;
    const anonymousId = await page.evaluate(
      async ({ writeKey, collectorUrl, userId, email, withApiHost }) => {
        const segmentio = { apiHost: `${collectorUrl.replace(/^http:\/\//, '')}/v1`, protocol: 'http' };
        type Loaded = [{ user(): { anonymousId(): string }; page(): Promise<unknown>; identify(id: string, traits: object): Promise<unknown>; track(e: string, p: object): Promise<unknown> }];
        const { AnalyticsBrowser } = window as unknown as { AnalyticsBrowser: { load(settings: object, options: object): Promise<Loaded> } };
        const [analytics] = await AnalyticsBrowser.load({ writeKey, cdnURL: collectorUrl }, withApiHost ? { integrations: { 'Segment.io': segmentio } } : {});
        await analytics.page();
        await analytics.identify(userId, { email });
        // The property names the page already sent to Segment: the definition has them as cl_total and cl_order_id.
        await analytics.track('Order Completed', { total: 42.5, order_id: `order-${userId}` });
        await analytics.track('Order Refunded', { cl_total: 42.5 });
        return analytics.user().anonymousId();
      },
      { writeKey: collector.writeKey, collectorUrl: collector.url, userId, email, withApiHost },
    );

    // The customer is the one the order was recorded for; its events include any merged into it.
    const customerEvents = async () => {
      const { items } = await api<{ items: ExportedEvent[] }>('/v1/events?event=cl_order_completed&limit=1000');
      const order = items.find((e) => e.properties.cl_order_id === `order-${userId}`);
      return order ? (await api<{ items: ExportedEvent[] }>(`/v1/events?customer=${order.customerId}`)).items : [];
    };
    const events = await waitFor(customerEvents, (e) => e.length >= 3);
    expect(events.map((e) => e.event)).toEqual(['page_view', 'identify', 'cl_order_completed']);
    expect(events[0]!.properties).toEqual({ url: site.url, title: 'Checkout', utm_source: 'newsletter' });
    expect(events[2]!.properties).toEqual({ cl_total: 42.5, cl_order_id: `order-${userId}` });

    const customer = await api<{ identities: { type: string; value: string }[] }>(`/v1/customers/${events[2]!.customerId}`);
    expect(customer.identities.map(({ type, value }) => ({ type, value }))).toEqual(
      expect.arrayContaining([
        { type: 'anonymous', value: anonymousId },
        { type: 'external_id', value: userId },
        { type: 'email', value: email },
      ]),
    );

    const quarantine = await waitFor(
      () => api<{ items: { event: string | null; code: string; raw: unknown }[] }>('/v1/quarantine'),
      (q) => q.items.some((i) => JSON.stringify(i.raw).includes(anonymousId)),
    );
    expect(quarantine.items.filter((i) => JSON.stringify(i.raw).includes(anonymousId)).map((i) => [i.event, i.code])).toEqual([['Order Refunded', 'unknown_event']]);

    expect(sent).toEqual(
      expect.arrayContaining([`GET /v1/projects/${collector.writeKey}/settings`, 'POST /v1/p', 'POST /v1/i', 'POST /v1/t']),
    );
    // Nothing for another host: none refused by the proxy, none even tried.
    expect(blackhole.refused.slice(before)).toEqual([]);
    expect(seen.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
    await context.close();
  });

  it('waits out a 429 as Retry-After says, resending with X-Retry-Count, and records each event once', async () => {
    const created = await fetch(`${collector.url}/v1/keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${collector.adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'limited site', scope: 'ingest', rateLimit: 2 }),
    });
    const { key } = (await created.json()) as { key: string };
    const context = await newContext();
    const statuses: number[] = [];
    const retried: string[] = [];
    context.on('request', (request) => {
      if (request.headers()['x-retry-count']) retried.push(request.url());
    });
    const page = await context.newPage();
    page.on('response', (res) => {
      if (res.request().method() === 'POST' && res.url().startsWith(collector.url)) statuses.push(res.status());
    });
    const before = blackhole.refused.length;
    await page.goto(site.url);
    await page.evaluate(
      async ({ writeKey, collectorUrl }) => {
        type Loaded = [{ track(e: string, p: object): Promise<unknown> }];
        const { AnalyticsBrowser } = window as unknown as { AnalyticsBrowser: { load(settings: object): Promise<Loaded> } };
        const [analytics] = await AnalyticsBrowser.load({ writeKey, cdnURL: collectorUrl });
        for (let i = 0; i < 6; i++) void analytics.track('Order Completed', { cl_total: i, cl_order_id: `limited-${i}` });
      },
      { writeKey: key, collectorUrl: collector.url },
    );
    const limited = async () => {
      const { items } = await api<{ items: ExportedEvent[] }>('/v1/events?event=cl_order_completed&limit=1000');
      return items.filter((e) => String(e.properties.cl_order_id).startsWith('limited-')).map((e) => e.properties.cl_total as number);
    };
    const totals = await waitFor(limited, (t) => t.length >= 6, 30_000);
    expect(totals.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(statuses).toContain(429);
    // Resends carry X-Retry-Count, which the preflight must allow: they are what recorded the events after the 429s.
    expect(retried.length).toBeGreaterThan(0);
    expect(blackhole.refused.slice(before)).toEqual([]);
    await context.close();
  }, 60_000);
});
