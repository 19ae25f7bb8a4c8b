import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Config } from '../config';
import type { Store } from '../store/store';
import type { ConsoleEnv } from './console-env';
import type { ConsoleSession, ConsoleSessions } from './console-sessions';
import { consoleTimeZone } from './console-time-zone';
import { sessionCookie } from './session-cookie';

/**
 * Every console page but the login: the browser's session, or a redirect to the login. A one-time
 * message set for the next page (or one shown, and so dropped) is stored once the page is done.
 */
export function requireSession(store: Store, sessions: ConsoleSessions, config: Config) {
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    const record = await sessions.get(getCookie(c, sessionCookie));
    // The key is looked up on every request: revoking it (or lowering its scope) ends its console sessions.
    const key = record && (await store.keys.findByHash(record.keyHash));
    if (!record || !key || (key.scope !== 'admin' && key.scope !== 'read')) {
      if (record) await sessions.delete(record);
      return c.redirect('/console/login', 303);
    }
    const session: ConsoleSession = { ...record, scope: key.scope, timeZone: consoleTimeZone(c, config) };
    c.set('session', session);
    const flash = JSON.stringify(session.flash);
    await next();
    if (JSON.stringify(session.flash) !== flash) await sessions.saveFlash(session);
  });
}
