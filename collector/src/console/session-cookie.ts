import type { Context } from 'hono';

/** The cookie holding a console session's random token (never the key). */
export const sessionCookie = 'eventline_console';

/** HttpOnly, SameSite=Strict, for /console only, and Secure when the browser came over HTTPS (directly or through a proxy). */
export const consoleCookieOptions = (c: Context, maxAge?: number) => ({
  path: '/console',
  httpOnly: true,
  sameSite: 'Strict' as const,
  secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
  ...(maxAge !== undefined && { maxAge }),
});
