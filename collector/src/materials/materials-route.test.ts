import { describe, expect, it } from 'vitest';
import { adminRequest } from '../testing/admin-request';
import { collectorPerTest } from '../testing/collector-per-test';
import { makeEvent } from '../testing/test-collector';

const collector = collectorPerTest();

const admin = adminRequest(collector);
const poster = { id: 'poster-2024', name: 'Summer poster', type: 'qrcode', tags: ['summer', 'offline'] };

/** Sends one page view on `targetId` with the write key, as a browser would, and answers its stored tags. */
async function viewTags(targetId: string, tags?: string[]) {
  const e = makeEvent({ properties: { target_id: targetId }, ...(tags ? { tags } : {}) });
  const res = await collector.request('POST', '/v1/events', { body: { events: [e] } });
  expect(await res.json()).toMatchObject({ accepted: 1 });
  return (await collector.services.store.events.get(e.uuid as string))!.tags;
}

describe('/v1/materials', () => {
  it('creates, lists, reads, changes and deletes a material', async () => {
    const created = await admin('POST', '/v1/materials', { ...poster, tags: ['summer', 'offline', 'summer'] });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ ...poster, createdAt: expect.any(Number), updatedAt: expect.any(Number) });

    await admin('POST', '/v1/materials', { id: 'welcome-mail', name: 'Welcome', type: 'email' });
    const emails = (await (await admin('GET', '/v1/materials?type=email')).json()) as { items: { id: string; tags: string[] }[] };
    expect(emails.items).toEqual([expect.objectContaining({ id: 'welcome-mail', tags: [] })]);

    const patched = await admin('PATCH', '/v1/materials/poster-2024', { name: 'Summer poster, v2' });
    expect(await patched.json()).toMatchObject({ id: 'poster-2024', name: 'Summer poster, v2', tags: ['summer', 'offline'] });
    expect(await (await admin('GET', '/v1/materials/poster-2024')).json()).toMatchObject({ name: 'Summer poster, v2' });

    expect((await admin('DELETE', '/v1/materials/poster-2024')).status).toBe(204);
    expect((await admin('GET', '/v1/materials/poster-2024')).status).toBe(404);
    expect((await admin('PATCH', '/v1/materials/poster-2024', { name: 'x' })).status).toBe(404);
  });

  it('generates an id when none is given', async () => {
    const res = await admin('POST', '/v1/materials', { name: 'Landing page', type: 'web_page', tags: ['promo'] });
    expect(((await res.json()) as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 409 for a taken id and 400 for an unknown type or too many tags', async () => {
    await admin('POST', '/v1/materials', poster);
    expect((await admin('POST', '/v1/materials', poster)).status).toBe(409);
    const badType = await admin('POST', '/v1/materials', { ...poster, id: 'x', type: 'poster' });
    expect(badType.status).toBe(400);
    expect(((await badType.json()) as { error: { message: string } }).error.message).toMatch(/^type: /);
    expect((await admin('POST', '/v1/materials', { ...poster, id: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })).status).toBe(400);
  });

  it('is for admin keys only', async () => {
    expect((await collector.request('POST', '/v1/materials', { body: poster })).status).toBe(403);
  });
});

describe('material tags on events', () => {
  it("adds the tags of the material an event's target_id names, after the event's own", async () => {
    await admin('POST', '/v1/materials', poster);
    expect(await viewTags('poster-2024', ['campaign-a', 'summer'])).toEqual(['campaign-a', 'offline', 'summer']);
    expect(await viewTags('not-a-material', ['campaign-a'])).toEqual(['campaign-a']);
  });

  it('applies changed tags to later events only', async () => {
    await admin('POST', '/v1/materials', poster);
    const first = makeEvent({ properties: { target_id: 'poster-2024' } });
    await collector.request('POST', '/v1/events', { body: { events: [first] } });
    await admin('PATCH', '/v1/materials/poster-2024', { tags: ['autumn'] });
    expect(await viewTags('poster-2024')).toEqual(['autumn']);
    expect((await collector.services.store.events.get(first.uuid as string))!.tags).toEqual(['offline', 'summer']);
    await admin('DELETE', '/v1/materials/poster-2024');
    expect(await viewTags('poster-2024')).toEqual([]);
  });

  it("keeps the event's own tags and fills up to 20 with the material's", async () => {
    await admin('POST', '/v1/materials', { ...poster, tags: Array.from({ length: 5 }, (_, i) => `m${i}`) });
    const own = Array.from({ length: 18 }, (_, i) => `e${String(i).padStart(2, '0')}`);
    const tags = await viewTags('poster-2024', own);
    expect(tags).toHaveLength(20);
    expect(tags).toEqual(expect.arrayContaining([...own, 'm0', 'm1']));
  });

  it("builds the customer's content preferences", async () => {
    await admin('POST', '/v1/materials', poster);
    await viewTags('poster-2024');
    await viewTags('poster-2024');
    const customer = await collector.services.store.customers.findByIdentity('anonymous', 'anon-1');
    expect(await collector.services.store.customers.tagCounts(customer!.id, 10)).toEqual(
      expect.arrayContaining([
        { tag: 'summer', count: 2 },
        { tag: 'offline', count: 2 },
      ]),
    );
  });
});
