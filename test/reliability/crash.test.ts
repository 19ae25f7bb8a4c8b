import Sqlite from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, expect, it } from 'vitest';
import { prng } from '../../collector/src/testing/prng';
import { readEvents, startCollector, type RunningCollector } from '../support/collector-process';

let collector: RunningCollector | undefined;
afterAll(() => collector?.stop());

type Batch = { sentAt: string; events: { uuid: string; event: string; time: number; anonymousId: string }[] };
const newBatch = (n: number, who: string): Batch => ({
  sentAt: new Date().toISOString(),
  events: Array.from({ length: n }, () => ({ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: who })),
});

/**
 * kill -9 at random moments under concurrent load, several times. What the SDK does is modelled
 * exactly: a batch is deleted from its queue only on a 200; anything else (a 503, a reset socket) is
 * sent again, with the same uuids, after the restart.
 */
it('stores every acknowledged event exactly once across repeated kill -9 and SDK resends', async () => {
  const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 100_000);
  const random = prng(seed);
  collector = await startCollector();
  const c = collector;
  const acknowledged = new Set<string>();
  let queue: Batch[] = [];

  const send = async (batch: Batch): Promise<boolean> => {
    let body: { accepted: number; duplicates: number; rejected: unknown[] };
    try {
      const res = await fetch(`${c.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.writeKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      if (res.status !== 200) return false;
      body = (await res.json()) as typeof body;
    } catch {
      return false; // connection refused or reset by the crash
    }
    expect(body.rejected).toEqual([]);
    expect(body.accepted + body.duplicates).toBe(batch.events.length);
    for (const e of batch.events) acknowledged.add(e.uuid);
    return true;
  };

  const cycles = 4;
  for (let cycle = 0; cycle < cycles; cycle++) {
    let crashed = false;
    // Eight senders, each like one SDK: its own queue first (the resend), then new batches.
    const senders = Array.from({ length: 8 }, async (_, s) => {
      const mine = queue.filter((_, i) => i % 8 === s);
      while (!crashed) {
        const batch = mine.shift() ?? newBatch(1 + Math.floor(random() * 100), `crash-${s}`);
        if (!(await send(batch))) {
          mine.unshift(batch);
          if (crashed) break;
        }
      }
      return mine;
    });
    // Killed under load: once this cycle has had some answers (a slow machine takes longer to get
    // there), then at a random moment up to 400 ms later.
    const ackedBefore = acknowledged.size;
    while (acknowledged.size < ackedBefore + 200) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, random() * 400));
    crashed = true;
    await c.kill();
    queue = (await Promise.all(senders)).flat();

    // Straight after the crash, before any restart: the file already holds every acknowledged event.
    const stored = new Set(readEvents(c.dbPath).map((e) => e.uuid));
    expect([...acknowledged].filter((u) => !stored.has(u)), `seed ${seed}, cycle ${cycle}`).toEqual([]);
    await c.restart();
  }

  // The last resends, and a replay of already-acknowledged batches (an SDK that lost the 200).
  while (queue.length > 0) {
    const batch = queue.shift()!;
    if (!(await send(batch))) queue.push(batch);
  }
  const replay = readEvents(c.dbPath).slice(0, 200);
  const again = await fetch(`${c.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.writeKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: replay.map((e) => ({ uuid: e.uuid, event: 'page_view', time: e.time, anonymousId: 'crash-0' })) }),
  });
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: replay.length });
  await c.stop();

  const rows = readEvents(c.dbPath);
  const uuids = rows.map((e) => e.uuid);
  expect(new Set(uuids).size).toBe(uuids.length);
  expect(uuids.sort()).toEqual([...acknowledged].sort());
  expect(acknowledged.size, `seed ${seed}`).toBeGreaterThanOrEqual(cycles * 200);
  // The customer figures were written in the same transactions: a crash left none counted twice or lost.
  const db = new Sqlite(c.dbPath, { readonly: true });
  try {
    expect(db.prepare('select sum(event_count) as n from customers').get()).toEqual({ n: rows.length });
  } finally {
    db.close();
  }
}, 90_000);
