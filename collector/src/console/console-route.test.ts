import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';
import { consoleBrowser } from './console-browser';
import { sessionCookie } from './session-cookie';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

const browser = () => consoleBrowser(collector);

const readKey = async () => {
  const res = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'viewer', scope: 'read' } });
  return (await res.json()) as { id: string; key: string };
};

describe('logging in', () => {
  it('sends a page without a session to the login, and the login sets an HttpOnly, SameSite=Strict cookie holding no key', async () => {
    const b = browser();
    const before = await b.request('GET', '/console/events');
    expect(before.status).toBe(303);
    expect(before.headers.get('location')).toBe('/console/login');

    const res = await b.login(collector.adminKey);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/events');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookie}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).not.toContain(collector.adminKey);
    const page = await b.request('GET', '/console/events');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses a login without the login form token, an unknown key and a write key', async () => {
    const b = browser();
    await b.request('GET', '/console/login');
    const noToken = await b.request('POST', '/console/login', { key: collector.adminKey });
    expect(noToken.status).toBe(403);
    expect(b.cookies.has(sessionCookie)).toBe(false);

    for (const [key, status] of [['el_adm_not_a_key', 401], [collector.writeKey, 403]] as const) {
      const res = await b.login(key);
      expect(res.status).toBe(status);
      expect(b.cookies.has(sessionCookie)).toBe(false);
    }
  });

  it('ends the session at logout and when its key is revoked', async () => {
    const b = browser();
    await b.login(collector.adminKey);
    const stolen = b.cookies.get(sessionCookie)!;
    expect((await b.request('POST', '/console/logout', { _csrf: (await b.csrfOf('/console/events'))! })).status).toBe(303);
    b.cookies.set(sessionCookie, stolen);
    expect((await b.request('GET', '/console/events')).headers.get('location')).toBe('/console/login');

    const viewer = await readKey();
    const r = browser();
    await r.login(viewer.key);
    expect((await r.request('GET', '/console/events')).status).toBe(200);
    expect((await collector.request('DELETE', `/v1/keys/${viewer.id}`, { key: collector.adminKey })).status).toBeLessThan(300);
    collector.services.keys.forget();
    expect((await r.request('GET', '/console/events')).headers.get('location')).toBe('/console/login');
  });

  it('keeps a login and its next message in the store: a restarted collector (or another behind the same load balancer) knows them', async () => {
    const b = browser();
    await b.login(collector.adminKey);
    const csrf = (await b.csrfOf('/console/events'))!;
    expect((await b.request('POST', '/console/groups', { _csrf: csrf, name: 'Spring sale' })).status).toBe(303);

    await collector.restart();
    const page = await b.request('GET', '/console/events');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Created the group “Spring sale”');
    // Shown once, then gone: its removal is stored too.
    expect(await (await b.request('GET', '/console/events')).text()).not.toContain('Created the group');
    // The store holds only a hash of the browser's token.
    const token = b.cookies.get(sessionCookie)!;
    expect(await collector.services.store.consoleSessions.get(token)).toBeUndefined();
  });
});

it('sends a browser without a session to the login from every console page and form, and changes nothing', async () => {
  const open = new Set(['/console/login', '/console/style.css']);
  const guarded = collector.app.routes.filter((r) => r.path.startsWith('/console') && r.method !== 'ALL' && !open.has(r.path));
  expect(guarded.length).toBeGreaterThan(20);
  for (const { method, path } of guarded) {
    const res = await browser().request(method, path.replace(/:\w+/g, 'cl_x'), method === 'POST' ? { name: 'Sneaky' } : undefined);
    expect(res.status, `${method} ${path}`).toBe(303);
    expect(res.headers.get('location')).toBe('/console/login');
  }
  expect(await collector.services.store.groups.findByName('Sneaky')).toBeUndefined();
});

describe('CSRF', () => {
  it('refuses a POST without the session token, or with another session’s, and changes nothing', async () => {
    const a = browser();
    await a.login(collector.adminKey);
    const other = browser();
    await other.login(collector.adminKey);
    const othersToken = (await other.csrfOf('/console/events'))!;

    expect((await a.request('POST', '/console/groups', { name: 'Forged' })).status).toBe(403);
    expect((await a.request('POST', '/console/groups', { name: 'Forged', _csrf: othersToken })).status).toBe(403);
    expect(await collector.services.store.groups.findByName('Forged')).toBeUndefined();

    const own = (await a.csrfOf('/console/events'))!;
    expect((await a.request('POST', '/console/groups', { name: 'Real', _csrf: own })).status).toBe(303);
    expect(await collector.services.store.groups.findByName('Real')).toBeDefined();
  });
});

describe('a read key', () => {
  it('sees the events without change buttons, and every change it posts is refused', async () => {
    await collector.services.store.groups.create({ id: 'g1', name: 'Shop' });
    const a = browser();
    await a.login(collector.adminKey);
    const adminToken = (await a.csrfOf('/console/events'))!;
    await a.request('POST', '/console/events', { _csrf: adminToken, id: 'cl_kept', name: 'Kept', type: 'inbound', score: '2', stage: '', group: '' });
    expect(await collector.services.store.definitions.get('cl_kept')).toBeDefined();

    const r = browser();
    await r.login((await readKey()).key);
    const page = await (await r.request('GET', '/console/events')).text();
    expect(page).toContain('cl_kept');
    expect(page).not.toContain('New → Single');
    expect(page).not.toContain('/delete');
    expect(page).not.toContain('Restore system settings');

    const token = (await r.csrfOf('/console/events'))!;
    const attempts: [string, Record<string, string>][] = [
      ['/console/events', { id: 'cl_new', name: 'New', type: 'inbound' }],
      ['/console/events/cl_kept', { name: 'Renamed', score: '9' }],
      ['/console/events/cl_kept/delete', {}],
      ['/console/events/move', { ids: 'cl_kept', group: 'g1' }],
      ['/console/events/restore', {}],
      ['/console/groups', { name: 'Mine' }],
      ['/console/groups/g1/rename', { name: 'Renamed' }],
      ['/console/groups/g1/delete', {}],
      ['/console/quarantine/replay', {}],
    ];
    for (const [path, form] of attempts) expect((await r.request('POST', path, { ...form, _csrf: token })).status, path).toBe(403);
    expect(await collector.services.store.definitions.get('cl_new')).toBeUndefined();
    expect(await collector.services.store.definitions.get('cl_kept')).toMatchObject({ name: 'Kept', score: 2, group: null });
    expect((await collector.services.store.groups.list()).map((g) => g.name)).toEqual(['Shop']);
  });
});
