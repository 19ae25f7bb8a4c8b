import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { isTimeZone } from '../analysis/zone-intervals';
import type { Config } from '../config';
import { formText, type ConsoleEnv } from './console-env';
import { configuredTimeZone, timeZoneCookie } from './console-time-zone';
import { consoleCookieOptions } from './session-cookie';

const yearSeconds = 365 * 86_400;

/** The page the form was sent from, when it is a console page of this site; else the events. */
function backTo(referer: string | undefined, self: string): string {
  if (!referer) return '/console/events';
  try {
    const url = new URL(referer);
    return url.origin === new URL(self).origin && url.pathname.startsWith('/console/') ? `${url.pathname}${url.search}` : '/console/events';
  } catch {
    return '/console/events';
  }
}

/** POST /console/timezone: this browser's zone, kept in a cookie; the collector's own zone clears the choice. */
export function consoleTimeZoneRoute(config: Config) {
  const app = new Hono<ConsoleEnv>();
  app.post('/', (c) => {
    const zone = formText(c.var.form, 'timezone');
    if (!isTimeZone(zone)) {
      c.var.session.flash = { kind: 'error', text: `“${zone}” is not a time zone: use an IANA name such as Asia/Shanghai.` };
    } else if (zone === configuredTimeZone(config)) {
      deleteCookie(c, timeZoneCookie, { path: '/console' });
    } else {
      setCookie(c, timeZoneCookie, zone, consoleCookieOptions(c, yearSeconds));
    }
    return c.redirect(backTo(c.req.header('referer'), c.req.url), 303);
  });
  return app;
}
