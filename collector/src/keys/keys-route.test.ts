import { describe, expect, it } from 'vitest';
import { adminRequest } from '../testing/admin-request';
import { collectorPerTest } from '../testing/collector-per-test';
import { makeEvent } from '../testing/test-collector';

const collector = collectorPerTest();

const admin = adminRequest(collector);

describe('/v1/keys', () => {
  it('creates a key shown once, which then works for its scope', async () => {
    const res = await admin('POST', '/v1/keys', { name: 'order service', scope: 'server', rateLimit: 200 });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; key: string; scope: string; rateLimit: number };
    expect(created).toMatchObject({ name: 'order service', scope: 'server', allowedOrigins: [], rateLimit: 200 });
    expect(created.key).toMatch(/^el_srv_/);

    const send = await collector.request('POST', '/v1/events', { key: created.key, body: { events: [makeEvent({ event: 'sms_sent' })] } });
    expect(await send.json()).toMatchObject({ accepted: 1 });

    const list = await admin('GET', '/v1/keys');
    const text = await list.text();
    expect(text).not.toContain(created.key);
    expect(text).not.toMatch(/hash/i);
    const items = (JSON.parse(text) as { items: { id: string; scope: string }[] }).items;
    expect(items.map((k) => k.scope).sort()).toEqual(['admin', 'ingest', 'server']);
  });

  it('revokes a key at once in this process, even though it was just used (and cached)', async () => {
    const created = (await (await admin('POST', '/v1/keys', { name: 'temp', scope: 'read' })).json()) as { id: string; key: string };
    expect((await collector.request('GET', '/v1/definitions', { key: created.key })).status).toBe(200);
    expect((await admin('DELETE', `/v1/keys/${created.id}`)).status).toBe(204);
    const after = await collector.request('GET', '/v1/definitions', { key: created.key });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'invalid_key' } });
    expect((await admin('DELETE', `/v1/keys/${created.id}`)).status).toBe(404);
    const items = ((await (await admin('GET', '/v1/keys')).json()) as { items: { id: string }[] }).items;
    expect(items.map((k) => k.id)).not.toContain(created.id);
  });

  it('refuses to revoke the last admin key', async () => {
    const items = ((await (await admin('GET', '/v1/keys')).json()) as { items: { id: string; scope: string }[] }).items;
    const adminId = items.find((k) => k.scope === 'admin')!.id;
    const res = await admin('DELETE', `/v1/keys/${adminId}`);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'conflict' } });
    expect((await admin('GET', '/v1/keys')).status).toBe(200);
  });

  it('limits an ingest key to its origins', async () => {
    const created = (await (await admin('POST', '/v1/keys', { name: 'shop', scope: 'ingest', allowedOrigins: ['https://shop.example.com'] })).json()) as { key: string };
    const from = (origin: string) => collector.request('POST', '/v1/events', { key: created.key, headers: { origin }, body: { events: [makeEvent()] } });
    expect((await from('https://shop.example.com')).status).toBe(200);
    const other = await from('https://evil.example.com');
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });

  it.each([
    [{ name: '', scope: 'server' }, 'name'],
    [{ name: 'x', scope: 'root' }, 'scope'],
    [{ name: 'x', scope: 'ingest', allowedOrigins: ['https://shop.example.com/path'] }, 'allowedOrigins.0'],
    [{ name: 'x', scope: 'server', allowedOrigins: ['https://shop.example.com'] }, 'allowedOrigins'],
    [{ name: 'x', scope: 'server', rateLimit: 0 }, 'rateLimit'],
  ])('rejects %j naming %s', async (body, path) => {
    const res = await admin('POST', '/v1/keys', body);
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; issues: { path: string }[] } }).error;
    expect(error.code).toBe('invalid_request');
    expect(error.issues[0]!.path).toBe(path);
  });
});
