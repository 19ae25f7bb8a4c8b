import { createMiddleware } from 'hono/factory';
import type { ConsoleEnv } from './console-env';
import { messagePage } from './message-page';

/** What a read key may still POST: its own logout, and the zone its own pages show times in. */
const ownPreferences = new Set(['/console/logout', '/console/timezone']);

/** A read key's session may look at everything but change nothing but its own preferences: checked here, once for every form. */
export const refuseReadKeyChanges = createMiddleware<ConsoleEnv>(async (c, next) => {
  if (c.req.method === 'POST' && c.var.session.scope !== 'admin' && !ownPreferences.has(c.req.path)) {
    return messagePage(c, 403, 'Not allowed', 'A read key can look but not change anything.');
  }
  return next();
});
