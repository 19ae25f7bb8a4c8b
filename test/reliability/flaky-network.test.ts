/**
 * Issue 11's "SDK under a flaky network". It once lost a tab's round of events in 2 of 4 runs: a page
 * reloaded while its events were still only in memory (core's 50 ms write debounce, or the queue lock
 * held by another tab), Chromium aborted the page's unfinished IndexedDB write, and the one keepalive
 * send on pagehide was dropped or 503'd. Core now saves them synchronously on hide (localStorage on
 * the web); test/reliability/reload-after-track.test.ts pins that case deterministically.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../collector/src/testing/prng';
import { skipReason, waitFor } from '../web/browser-harness';
import { startProxy } from '../support/start-proxy';
import { sdkLoaded, siteBehindProxy } from './site-behind-proxy';

const reason = skipReason();
if (reason) console.warn(`[flaky network] skipped: ${reason}`);

type Fault = 'pass' | 'drop-request' | 'drop-answer' | 'delay' | '503';

/**
 * A proxy in front of the collector that, while `flaky` is on, makes each POST /v1/events (the SDK's
 * sends) one of: passed on; dropped before the collector sees it; passed on and then its answer dropped
 * (stored, but the SDK never hears so: it must resend, and the collector must not store it twice);
 * delayed up to 1.5 s; or answered 503 with Retry-After. Everything else (the SDK script, preflights)
 * passes, so each page loads.
 */
function startFlakyProxy(target: string, seed: number) {
  const random = prng(seed);
  const counts: Record<Fault, number> = { pass: 0, 'drop-request': 0, 'drop-answer': 0, delay: 0, '503': 0 };
  const state = { flaky: true, counts };
  const faults: Fault[] = ['pass', 'drop-request', 'drop-answer', 'delay', '503'];
  // Drawn from a shuffled bag of the five, refilled when empty: each kind comes up once in every block
  // of five requests, so a run with few requests (long backoffs) still goes through all of them.
  const bag: Fault[] = [];
  const draw = (): Fault => {
    if (bag.length === 0) bag.push(...faults.map((f) => ({ f, r: random() })).sort((a, b) => a.r - b.r).map((x) => x.f));
    return bag.pop()!;
  };
  return startProxy(target, ({ req, res, forward }) => {
    const fault: Fault = state.flaky && req.method === 'POST' ? draw() : 'pass';
    counts[fault]++;
    if (fault === 'drop-request') return void req.socket.destroy();
    if (fault === '503') {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-expose-headers': 'Retry-After' });
      return void res.end(JSON.stringify({ error: { code: 'storage_unavailable', message: 'flaky proxy' } }));
    }
    if (fault === 'delay') setTimeout(forward, random() * 1500);
    else forward(fault === 'drop-answer');
  }).then((proxy) => ({ ...proxy, state }));
}

describe.skipIf(reason)('the script-tag SDK through a flaky network', () => {
  const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 100_000);
  const setup = siteBehindProxy({ id: 'cl_flaky', name: 'Flaky' }, (collectorUrl) => startFlakyProxy(collectorUrl, seed));
  const { stored } = setup;

  it('3 tabs tracking with reloads in between: every event stored exactly once', async () => {
    const random = prng(seed + 1);
    const context = await setup.browser.newContext();
    const tabs = await Promise.all([0, 1, 2].map(() => setup.open(context)));
    const tracked: number[] = [];
    let n = 0;
    const rounds = Number(process.env.RELIABILITY_FLAKY_ROUNDS ?? 8);
    for (let round = 0; round < rounds; round++) {
      await Promise.all(
        tabs.map(async (page) => {
          const ns = Array.from({ length: 5 + Math.floor(random() * 10) }, () => n++);
          tracked.push(...ns);
          await page.evaluate((list) => {
            const tracker = (window as unknown as { eventline: { track(e: string, p: object): void } }).eventline;
            for (const v of list) tracker.track('cl_flaky', { cl_n: v });
          }, ns);
        }),
      );
      // Some tabs reload straight away (their sends cut short), the others keep sending for a while.
      await new Promise((r) => setTimeout(r, random() * 600));
      await Promise.all(tabs.filter(() => random() < 0.4).map(async (page) => {
        await page.reload();
        await sdkLoaded(page);
      }));
    }
    // Faults end: what is still queued drains and nothing arrives twice. After eight rounds of faults a
    // tab's backoff may be a minute or more, so each tab is asked to flush (which skips the backoff) rather
    // than waiting it out: on a loaded machine the wait alone outlasted the test's timeout.
    setup.proxy.state.flaky = false;
    await Promise.all(tabs.map((page) => page.evaluate(() => (window as unknown as { eventline: { flush(): Promise<void> } }).eventline.flush())));
    await waitFor(stored, (s) => s.length >= tracked.length, 45_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(stored(), `seed ${seed}`).toEqual(tracked.sort((a, b) => a - b));
    // The run really went through every kind of fault.
    for (const [fault, count] of Object.entries(setup.proxy.state.counts)) expect(count, `${fault}, seed ${seed}`).toBeGreaterThan(0);
    await context.close();
  }, 90_000);
});
