import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../support/collector-process';

/**
 * Several collectors on one PostgreSQL, as behind a load balancer: two real collector processes on one
 * schema. What must hold: an event sent to both is stored once, the same new identity arriving at both
 * at once ends in one customer, and a definition changed through one is enforced by the other within
 * a second.
 */
const url = process.env.EVENTLINE_TEST_DATABASE_URL;
if (!url) console.warn('[two collectors] skipped: EVENTLINE_TEST_DATABASE_URL is not set (bash scripts/ensure-postgres.sh starts a PostgreSQL and prints one)');

describe.skipIf(!url)('two collectors on one PostgreSQL', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let a: RunningCollector;
  let b: RunningCollector;

  const send = (c: RunningCollector, events: unknown[]) =>
    fetch(`${c.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sentAt: new Date().toISOString(), events }),
    });
  const admin = (c: RunningCollector, method: string, path: string, body?: unknown) =>
    fetch(`${c.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const stored = async (c: RunningCollector) => {
    const res = await fetch(`${c.url}/v1/events`, { headers: { authorization: `Bearer ${adminKey}`, accept: 'application/x-ndjson' } });
    expect(res.status).toBe(200);
    return (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { uuid: string; customerId: string; event: string });
  };

  const adminKey = `el_adm_test_${randomBytes(12).toString('hex')}`;
  const writeKey = `el_pub_test_${randomBytes(12).toString('hex')}`;

  beforeAll(async () => {
    // One deployment's configuration on both, started at the same moment on an empty schema: migrations,
    // system events and keys are set up once however the two starts interleave.
    const env = { EVENTLINE_DATABASE_URL: url!, EVENTLINE_DATABASE_SCHEMA: schema, EVENTLINE_CACHE_POLL_MS: '250', EVENTLINE_ADMIN_KEY: adminKey, EVENTLINE_WRITE_KEY: writeKey };
    [a, b] = await Promise.all([startCollector({ env }), startCollector({ env })]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it('stores an event sent to both collectors once', async () => {
    const events = Array.from({ length: 400 }, (_, i) => ({ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: `dedupe-${i % 40}` }));
    const batches = Array.from({ length: 20 }, (_, i) => events.slice(i * 20, i * 20 + 20));
    // Every batch to both at once, and the first half once more: resends across nodes.
    const answers = await Promise.all([...batches, ...batches.slice(0, 10)].flatMap((batch) => [send(a, batch), send(b, batch)]));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    const counts = await Promise.all(answers.map((r) => r.json() as Promise<{ accepted: number; duplicates: number }>));
    expect(counts.reduce((sum, c) => sum + c.accepted, 0)).toBe(events.length);

    const uuids = (await stored(b)).filter((e) => e.event === 'page_view').map((e) => e.uuid);
    expect(uuids.length).toBe(events.length);
    expect(new Set(uuids)).toEqual(new Set(events.map((e) => e.uuid)));
  });

  it('ends with one customer when the same new identity arrives at both at once', async () => {
    const people = Array.from({ length: 30 }, (_, i) => ({ email: `race-${i}@example.com`, laptop: `laptop-${i}`, phone: `phone-${i}` }));
    const answers = await Promise.all(
      people.flatMap((p) => [
        send(a, [{ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: p.laptop, identities: { email: p.email } }]),
        send(b, [{ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: p.phone, identities: { email: p.email } }]),
      ]),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    for (const p of people) {
      const found = await Promise.all(
        [`email:${p.email}`, `anonymous:${p.laptop}`, `anonymous:${p.phone}`].map(async (identity) => {
          const res = await admin(a, 'GET', `/v1/customers?identity=${encodeURIComponent(identity)}`);
          expect(res.status).toBe(200);
          const { items } = (await res.json()) as { items: { id: string; eventCount: number }[] };
          expect(items).toHaveLength(1);
          return items[0]!;
        }),
      );
      expect(new Set(found.map((c) => c.id)).size).toBe(1);
      expect(found[0]!.eventCount).toBe(2);
    }
  });

  it('enforces a definition changed through one collector on the other within a second', async () => {
    const event = () => [{ uuid: uuidv7(), event: 'cl_cluster_offer', time: Date.now(), anonymousId: 'definitions', properties: { cl_plan: 'pro' } }];
    const firstAccepted = async (c: RunningCollector, want: boolean, since: number) => {
      for (;;) {
        const body = (await (await send(c, event())).json()) as { accepted: number };
        if ((body.accepted === 1) === want) return Date.now() - since;
        if (Date.now() - since > 5_000) throw new Error(`collector still ${want ? 'rejects' : 'accepts'} the event after 5 s`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    // Unknown to both at first: rejected (and quarantined) by b.
    expect(((await (await send(b, event())).json()) as { accepted: number }).accepted).toBe(0);

    let changedAt = Date.now();
    const created = await admin(a, 'POST', '/v1/definitions', { id: 'cl_cluster_offer', name: 'Cluster offer', type: 'inbound', score: 1, properties: [{ id: 'cl_plan', name: 'Plan', type: 'text' }] });
    expect(created.status).toBe(201);
    expect(await firstAccepted(b, true, changedAt)).toBeLessThan(1_000);

    changedAt = Date.now();
    const deleted = await admin(a, 'DELETE', '/v1/definitions/cl_cluster_offer');
    expect(deleted.status).toBe(204);
    expect(await firstAccepted(b, false, changedAt)).toBeLessThan(1_000);
  });
});
