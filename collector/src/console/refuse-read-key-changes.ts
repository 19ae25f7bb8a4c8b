import { createMiddleware } from 'hono/factory';
import type { ConsoleEnv } from './console-env';
import { messagePage } from './message-page';

/** A read key's session may look at everything but POST nothing except its own logout: checked here, once for every form. */
export const refuseReadKeyChanges = createMiddleware<ConsoleEnv>(async (c, next) => {
  if (c.req.method === 'POST' && c.var.session.scope !== 'admin' && c.req.path !== '/console/logout') {
    return messagePage(c, 403, 'Not allowed', 'A read key can look but not change anything.');
  }
  return next();
});
