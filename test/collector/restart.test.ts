import { v7 as uuidv7 } from 'uuid';
import { afterAll, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../support/collector-process';

let collector: RunningCollector | undefined;
afterAll(() => collector?.stop());

// Read back through the API, so the test holds on either store.
const storedEvents = async (c: RunningCollector) => {
  const res = await fetch(`${c.url}/v1/events`, { headers: { authorization: `Bearer ${c.adminKey}`, accept: 'application/x-ndjson' } });
  expect(res.status).toBe(200);
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { uuid: string; time: number });
};

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

  await c.restart();
  const events = await storedEvents(c);
  const stored = new Set(events.map((e) => e.uuid));
  expect(acknowledged.length).toBeGreaterThanOrEqual(500);
  expect(acknowledged.filter((u) => !stored.has(u))).toEqual([]);

  const again = await fetch(`${c.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.writeKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: events.slice(0, 50).map((e) => ({ uuid: e.uuid, event: 'page_view', time: e.time, anonymousId: 'restart' })) }),
  });
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 50 });
  expect((await storedEvents(c)).length).toBe(stored.size);
});
