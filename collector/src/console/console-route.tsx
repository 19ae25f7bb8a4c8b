import { Hono } from 'hono';
import type { Services } from '../services';
import { analysisSection } from './analysis-section';
import { batchSection } from './batch-section';
import { checkCsrf } from './check-csrf';
import type { ConsoleEnv } from './console-env';
import { consoleLogin } from './console-login';
import { consoleLogout } from './console-logout';
import { ConsoleSessions } from './console-sessions';
import { consoleStyle } from './console-style';
import { consoleTimeZoneRoute } from './console-time-zone-route';
import { customersSection } from './customers-section';
import { eventsSection } from './events-section';
import { groupsSection } from './groups-section';
import { keysSection } from './keys-section';
import { materialsSection } from './materials-section';
import { quarantineSection } from './quarantine-section';
import { refuseReadKeyChanges } from './refuse-read-key-changes';
import { requireSession } from './require-session';
import { segmentsSection } from './segments-section';
import { triggersSection } from './triggers-section';
import { wechatSection } from './wechat-section';


/**
 * The web console at /console: server-rendered pages over the same functions as the API. Logging in
 * with an admin or read key opens a session kept in the store (the cookie holds only its random token); every
 * POST carries the session's CSRF token, and only an admin key's session may POST anything but log out.
 */
export function consoleRoute(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const sessions = new ConsoleSessions(services.store.consoleSessions);

  // Console pages hold customer data and forms: never cached, never framed by another site (clickjacking).
  app.use('/console/*', async (c, next) => {
    await next();
    if (c.req.path === '/console/style.css') return;
    c.header('cache-control', 'no-store');
    c.header('x-frame-options', 'DENY');
    c.header('content-security-policy', "frame-ancestors 'none'");
  });
  app.get('/console/style.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=300');
    return c.body(consoleStyle);
  });
  app.route('/console/login', consoleLogin(services.store, sessions));

  // Everything below needs a session; a POST also its CSRF token, and an admin key unless it logs out.
  app.use(
    '/console/*',
    requireSession(services.store, sessions, services.config),
    checkCsrf,
    refuseReadKeyChanges,
  );
  app.get('/console', (c) => c.redirect('/console/events', 303));
  app.route('/console/logout', consoleLogout(sessions));
  app.route('/console/timezone', consoleTimeZoneRoute(services.config));
  // Batch before events: /console/events/batch is not an event id.
  app.route('/console/events/batch', batchSection(services));
  app.route('/console/events', eventsSection(services));
  app.route('/console/groups', groupsSection(services));
  app.route('/console/customers', customersSection(services));
  app.route('/console/segments', segmentsSection(services));
  app.route('/console/analysis', analysisSection(services));
  app.route('/console/triggers', triggersSection(services));
  app.route('/console/materials', materialsSection(services));
  app.route('/console/wechat', wechatSection(services));
  app.route('/console/keys', keysSection(services));
  app.route('/console/quarantine', quarantineSection(services));
  return app;
}
