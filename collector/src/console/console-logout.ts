import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { ConsoleEnv } from './console-env';
import type { ConsoleSessions } from './console-sessions';
import { sessionCookie } from './session-cookie';

/** POST /console/logout: ends the session in the store, so its cookie opens nothing any more. */
export function consoleLogout(sessions: ConsoleSessions) {
  const app = new Hono<ConsoleEnv>();
  app.post('/', async (c) => {
    await sessions.delete(c.var.session);
    deleteCookie(c, sessionCookie, { path: '/console' });
    return c.redirect('/console/login', 303);
  });
  return app;
}
