/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { customerSummary } from '../customers/customer-summary';
import { normalizeIdentity } from '../recorder/normalize-identity';
import type { Services } from '../services';
import type { ConsoleEnv } from './console-env';
import { takeFlash } from './console-flash';
import { CustomerPage, type CustomerView } from './customer-page';

const timelinePage = 50;

/** /console/customers: find a customer by one identity; their figures, top tags and timeline, a page at a time. */
export function customersSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { store, config } = services;
  app.get('/', async (c) => {
    const type = c.req.query('type') ?? config.identityTypes[0] ?? '';
    const value = (c.req.query('value') ?? '').trim();
    const cursor = c.req.query('cursor');
    const props = { session: c.var.session, flash: takeFlash(c.var.session), identityTypes: config.identityTypes, type, value };
    if (!value) return c.html(<CustomerPage {...props} />);
    const normalized = config.identityTypes.includes(type) ? normalizeIdentity(type, value) : null;
    const record = normalized === null ? undefined : await store.customers.findByIdentity(type, normalized);
    if (!record) return c.html(<CustomerPage {...props} notFound />, 404);
    let timeline;
    try {
      timeline = await store.customers.timeline(record.id, { limit: timelinePage, ...(cursor && { cursor }) });
    } catch {
      // A cursor edited by hand: start from the newest again rather than fail.
      timeline = await store.customers.timeline(record.id, { limit: timelinePage });
    }
    const view: CustomerView = {
      customer: customerSummary(record, config.activenessLevels),
      topTags: await store.customers.tagCounts(record.id, 10),
      timeline: timeline.items,
      nextCursor: timeline.nextCursor,
      paged: cursor !== undefined,
    };
    return c.html(<CustomerPage {...props} view={view} />);
  });
  return app;
}
