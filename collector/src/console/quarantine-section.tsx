/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { HttpError } from '../errors/http-error';
import { replayQuarantine } from '../quarantine/replay-quarantine';
import type { Services } from '../services';
import { formText, type ConsoleEnv } from './console-env';
import { flashAndRedirect, takeFlash } from './console-flash';
import { messagePage } from './message-page';
import { QuarantinePage } from './quarantine-page';

/** /console/quarantine: as in the API, only an admin key reads it (rejected events may hold anything a client sent). */
export function quarantineSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { store } = services;
  app.get('/', async (c) => {
    if (c.var.session.scope !== 'admin') return messagePage(c, 403, 'Not allowed', 'The quarantine needs an admin key.', 'quarantine');
    const status = c.req.query('status') === 'replayed' ? 'replayed' : 'pending';
    const cursor = Number(c.req.query('cursor'));
    const page = await store.quarantine.list({ status, limit: 100, ...(Number.isSafeInteger(cursor) && cursor > 0 && { cursor }) });
    return c.html(<QuarantinePage session={c.var.session} flash={takeFlash(c.var.session)} status={status} items={page.items} nextCursor={page.nextCursor} />);
  });
  app.post('/replay', (c) => {
    const all = formText(c.var.form, 'which') === 'all';
    const ids = [c.var.form.ids ?? []].flat().map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
    return flashAndRedirect(c, '/console/quarantine', async () => {
      if (!all && ids.length === 0) throw new HttpError(400, 'invalid_request', 'Tick the events to replay first, or replay all pending.');
      const r = await replayQuarantine(store, services, all ? {} : { ids });
      return `Replayed: ${r.replayed} recorded, ${r.duplicates} already stored, ${r.stillRejected} still rejected.`;
    });
  });
  return app;
}
