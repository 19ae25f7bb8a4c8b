import { v7 as uuidv7 } from 'uuid';
import { afterAll, expect, it } from 'vitest';
import { countEvents, readEvents, startCollector, type RunningCollector } from '../support/collector-process';

let collector: RunningCollector | undefined;
afterAll(() => collector?.stop());

const batch = (n: number) => ({ sentAt: new Date().toISOString(), events: Array.from({ length: n }, () => ({ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: 'restart' })) });

it('keeps every acknowledged event across a crash (kill -9) and a restart', async () => {
  collector = await startCollector();
  const c = collector;
  const acknowledged: string[] = [];
  const post = async (body: ReturnType<typeof batch>) => {
    const res = await fetch(`${c.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${c.writeKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status === 200) acknowledged.push(...body.events.map((e) => e.uuid));
  };
  await Promise.all(Array.from({ length: 10 }, () => post(batch(50))));
  // Killed with requests in flight: those not answered 200 may or may not be stored, never the reverse.
  const inFlight = Array.from({ length: 10 }, () => post(batch(50)).catch(() => undefined));
  await new Promise((r) => setTimeout(r, 5));
  await c.kill();
  await Promise.all(inFlight);

  const stored = new Set(readEvents(c.dbPath).map((e) => e.uuid));
  expect(acknowledged.length).toBeGreaterThanOrEqual(500);
  expect(acknowledged.filter((u) => !stored.has(u))).toEqual([]);

  await c.restart();
  const again = await fetch(`${c.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.writeKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: readEvents(c.dbPath).slice(0, 50).map((e) => ({ uuid: e.uuid, event: 'page_view', time: e.time, anonymousId: 'restart' })) }),
  });
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 50 });
  expect(countEvents(c.dbPath)).toBe(stored.size);
});
