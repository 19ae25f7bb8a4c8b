/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashKey } from '../auth/hash-key';
import type { Store } from '../store/store';
import { LoginPage } from './console-layout';
import { newToken, sameToken, type ConsoleSessions } from './console-sessions';
import { consoleCookieOptions, sessionCookie } from './session-cookie';

const loginCookie = 'eventline_console_login';

/**
 * /console/login: an admin or read key opens a session. Logging in has no session yet, so its form is
 * tied to the browser by a token in a cookie of its own (a third-party page cannot log a browser in).
 */
export function consoleLogin(store: Store, sessions: ConsoleSessions) {
  const app = new Hono();

  const loginPage = (c: Context, error?: { status: 401 | 403; text: string }) => {
    const token = newToken();
    setCookie(c, loginCookie, token, consoleCookieOptions(c, 3600));
    return c.html(<LoginPage token={token} {...(error && { error: error.text })} />, error?.status ?? 200);
  };

  app.get('/', (c) => loginPage(c));
  app.post('/', async (c) => {
    const form = await c.req.parseBody();
    const token = getCookie(c, loginCookie);
    if (token === undefined || !sameToken(typeof form._csrf === 'string' ? form._csrf : undefined, token)) {
      return loginPage(c, { status: 403, text: 'The login form expired: please try again.' });
    }
    const hash = hashKey(typeof form.key === 'string' ? form.key.trim() : '');
    const key = await store.keys.findByHash(hash);
    if (!key) return loginPage(c, { status: 401, text: 'That key is not known or was revoked.' });
    if (key.scope !== 'admin' && key.scope !== 'read') return loginPage(c, { status: 403, text: `A ${key.scope} key cannot open the console: use an admin or read key.` });
    const { token: sessionToken } = await sessions.create(hash, key.scope);
    deleteCookie(c, loginCookie, { path: '/console' });
    setCookie(c, sessionCookie, sessionToken, consoleCookieOptions(c));
    return c.redirect('/console/events', 303);
  });

  return app;
}
