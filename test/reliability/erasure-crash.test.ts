import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, expect, it } from 'vitest';
import { prng } from '../../collector/src/testing/prng';
import { startCollector, type RunningCollector } from '../support/collector-process';

let collector: RunningCollector | undefined;
afterAll(() => collector?.stop());

const batch = (n: number, who: string) => ({
  sentAt: new Date().toISOString(),
  events: Array.from({ length: n }, () => ({ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: who, tags: ['t'] })),
});

/** What the file holds about one device, read straight from it after the crash. */
function stateOf(dbPath: string, device: string) {
  const db = new Sqlite(dbPath, { readonly: true });
  try {
    const one = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
    const owner = db.prepare("select customer_id from identities where type = 'anonymous' and value = ?").pluck().get(device) as string | undefined;
    return {
      owner,
      customerRows: owner ? one('select count(*) from customers where id = ?', owner) : 0,
      eventCount: owner ? one('select event_count from customers where id = ?', owner) : 0,
      events: one('select count(*) from events where anonymous_id = ?', device),
      tags: owner ? one('select count(*) from event_tags where customer_id = ?', owner) : 0,
      suppressed: one("select count(*) from suppressions where type = 'anonymous' and value = ?", device),
      audited: owner ? one("select count(*) from audit_log where action = 'customer.erase' and target = ?", owner) : -1,
    };
  } finally {
    db.close();
  }
}

/**
 * kill -9 while an erasure with suppress runs and the same device keeps sending: after the crash the
 * file holds either the whole customer (the erasure never happened) or nothing of it with its
 * suppression and audit entry (it committed), never a part.
 */
it('leaves an erasure whole or undone across kill -9 during ingest of the same device', async () => {
  const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 100_000);
  const random = prng(seed);
  // Always SQLite: the kill test is about one file's transactions.
  collector = await startCollector({ dbPath: join(mkdtempSync(join(tmpdir(), 'eventline-')), 'eventline.db') });
  const c = collector;
  const post = (path: string, method: string, body?: unknown) =>
    fetch(`${c.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${method === 'POST' ? c.writeKey : c.adminKey}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const seedDevice = async (device: string) => {
    // Enough events that the erasure takes a while (some hundreds of ms).
    for (let i = 0; i < 40; i++) expect((await post('/v1/events', 'POST', batch(500, device))).status).toBe(200);
    return ((await (await post(`/v1/customers?identity=anonymous:${device}`, 'GET')).json()) as { items: { id: string }[] }).items[0]!.id;
  };
  // How long one such erasure takes here, so the kills land before, inside and after it.
  // (Twice: the first request of a kind in a fresh process pays for warming up.)
  let took = 0;
  for (const device of ['calibrate-1', 'calibrate-2']) {
    const customer = await seedDevice(device);
    const started = Date.now();
    expect((await post(`/v1/customers/${customer}`, 'DELETE')).status).toBe(200);
    took = Date.now() - started;
  }

  for (let cycle = 0; cycle < 4; cycle++) {
    const device = `erase-${cycle}`;
    const customer = await seedDevice(device);

    let crashed = false;
    const senders = Array.from({ length: 3 }, async () => {
      while (!crashed) await post('/v1/events', 'POST', batch(50, device)).catch(() => undefined);
    });
    const erasure = post(`/v1/customers/${customer}?suppress=true`, 'DELETE').catch(() => undefined);
    await new Promise((r) => setTimeout(r, random() * took * 1.5));
    crashed = true;
    await c.kill();
    await Promise.all([erasure, ...senders]);

    const state = stateOf(c.dbPath, device);
    if (state.owner === undefined) {
      // Committed: nothing of the device is left but its suppression (and the audit entry names the customer).
      expect(state, `seed ${seed}, cycle ${cycle}`).toMatchObject({ events: 0, suppressed: 1 });
      const db = new Sqlite(c.dbPath, { readonly: true });
      try {
        expect(db.prepare("select count(*) from audit_log where action = 'customer.erase' and target = ?").pluck().get(customer)).toBe(1);
        expect(db.prepare('select count(*) from customers where id = ? or merged_into = ?').pluck().get(customer, customer)).toBe(0);
        expect(db.prepare('select count(*) from event_tags where customer_id = ?').pluck().get(customer)).toBe(0);
      } finally {
        db.close();
      }
    } else {
      // Not committed: the customer whole, its figures matching its rows, no suppression, no audit entry.
      expect(state, `seed ${seed}, cycle ${cycle}`).toMatchObject({ owner: customer, customerRows: 1, suppressed: 0, audited: 0 });
      expect(state.eventCount).toBe(state.events);
      expect(state.tags).toBe(state.events);
    }
    await c.restart();
  }
}, 120_000);
