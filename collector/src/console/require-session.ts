import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Store } from '../store/store';
import type { ConsoleEnv } from './console-env';
import type { ConsoleSessions } from './console-sessions';
import { sessionCookie } from './session-cookie';

/**
 * Every console page but the login: the browser's session, or a redirect to the login. A one-time
 * message set for the next page (or one shown, and so dropped) is stored once the page is done.
 */
export function requireSession(store: Store, sessions: ConsoleSessions) {
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    const session = await sessions.get(getCookie(c, sessionCookie));
    // The key is looked up on every request: revoking it (or lowering its scope) ends its console sessions.
    const key = session && (await store.keys.findByHash(session.keyHash));
    if (!session || !key || (key.scope !== 'admin' && key.scope !== 'read')) {
      if (session) await sessions.delete(session);
      return c.redirect('/console/login', 303);
    }
    session.scope = key.scope;
    c.set('session', session);
    const flash = JSON.stringify(session.flash);
    await next();
    if (JSON.stringify(session.flash) !== flash) await sessions.saveFlash(session);
  });
}
