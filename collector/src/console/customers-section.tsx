/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { ConditionError, resolveCondition, type CustomerConditionInput } from '../analysis/customer-condition';
import { activenessLevel } from '../customers/activeness-levels';
import { customerSummary } from '../customers/customer-summary';
import { eraseCustomer } from '../customers/erase-customer';
import { normalizeIdentity } from '../recorder/normalize-identity';
import { recordManualEvent } from '../customers/record-manual-event';
import type { Services } from '../services';
import { formText, type ConsoleContext, type ConsoleEnv } from './console-env';
import { flashAndRedirect, takeFlash } from './console-flash';
import { EraseCustomerPage } from './erase-customer-page';
import { CustomerPage, type CustomerView } from './customer-page';
import { CustomersPage, type CustomerRow, type CustomersFilter } from './customers-page';
import { readManualEventForm, toManualEventBody, type ManualEventValues } from './manual-event-form';
import { messagePage } from './message-page';
import { pageAtCursor } from './page-at-cursor';

const timelinePage = 50;
const listPage = 50;

/** /console/customers: customers by activeness level and stage, found by identity; one customer's figures, timeline and events added by hand. */
export function customersSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { store, config } = services;
  const customerUrl = (id: string) => `/console/customers/${encodeURIComponent(id)}`;

  app.get('/', async (c) => {
    const legacy = c.req.query('type') && c.req.query('value') ? `${c.req.query('type')}:${c.req.query('value')}` : '';
    const filter: CustomersFilter = { identity: (c.req.query('identity') ?? legacy).trim(), level: c.req.query('level') ?? '', stage: c.req.query('stage') ?? '' };
    const page = (props: { rows?: CustomerRow[]; count?: number; nextCursor?: string | null; error?: string }, status: 200 | 400 | 404 = 200) =>
      c.html(<CustomersPage session={c.var.session} flash={takeFlash(c.var.session)} filter={filter} levels={config.activenessLevels.map((l) => l.name)} stages={config.stages} identityTypes={config.identityTypes} paged={c.req.query('cursor') !== undefined} {...props} />, status);

    if (filter.identity) {
      // As GET /v1/customers?identity=type:value reads it.
      const at = filter.identity.indexOf(':');
      const type = filter.identity.slice(0, at);
      if (at < 0 || !config.identityTypes.includes(type)) return page({ error: `Write the identity as type:value, with a type of ${config.identityTypes.join(', ')}.` }, 400);
      const value = normalizeIdentity(type, filter.identity.slice(at + 1));
      const found = value === null ? undefined : await store.customers.findByIdentity(type, value);
      if (!found) return page({ error: `No customer has the identity ${filter.identity}.` }, 404);
      return c.redirect(customerUrl(found.mergedInto ?? found.id), 303);
    }

    // The same condition tree and store query as POST /v1/customers/query.
    const parts: CustomerConditionInput[] = [{ activeness: filter.level ? { level: filter.level } : {} }, ...(filter.stage ? [{ stage: filter.stage }] : [])];
    let condition;
    try {
      condition = resolveCondition({ all: parts }, Date.now(), config.activenessLevels);
    } catch (error) {
      if (!(error instanceof ConditionError)) throw error;
      return page({ error: error.message }, 400);
    }
    const cursor = c.req.query('cursor');
    const result = await pageAtCursor(cursor, (at) => store.analysis.filterCustomers(condition, { limit: listPage, ...at }));
    const records = await Promise.all(result.items.map((r) => store.customers.get(r.id)));
    const rows = result.items.map((r, i) => ({ ...r, level: activenessLevel(r.activeness, config.activenessLevels), identities: records[i]?.identities ?? [] }));
    return page({ rows, count: result.count, nextCursor: result.nextCursor });
  });

  const customerPage = async (c: ConsoleContext, manual?: { values: ManualEventValues; error: string }) => {
    const record = await store.customers.get(c.req.param('id')!);
    if (!record) return messagePage(c, 404, 'Not found', `There is no customer with the id “${c.req.param('id')}”.`, 'customers');
    // A merged customer's events now belong to the survivor.
    if (record.mergedInto !== null) return c.redirect(customerUrl(record.mergedInto), 303);
    const cursor = c.req.query('cursor');
    const timeline = await pageAtCursor(cursor, (at) => store.customers.timeline(record.id, { limit: timelinePage, ...at }));
    const definitions = (await store.definitions.list()).filter((d) => d.id !== 'identify');
    const adding = manual?.values.event ?? c.req.query('add') ?? '';
    const view: CustomerView = {
      customer: customerSummary(record, config.activenessLevels),
      topTags: await store.customers.tagCounts(record.id, 10),
      timeline: timeline.items,
      nextCursor: timeline.nextCursor,
      paged: cursor !== undefined,
    };
    return c.html(
      <CustomerPage
        session={c.var.session}
        flash={manual ? { kind: 'error', text: manual.error } : takeFlash(c.var.session)}
        view={view}
        definitions={definitions}
        adding={definitions.find((d) => d.id === adding)}
        {...(manual && { values: manual.values })}
      />,
      manual ? 422 : 200,
    );
  };

  app.get('/:id', (c) => customerPage(c));

  app.get('/:id/erase', (c) => {
    if (c.var.session.scope !== 'admin') return c.redirect(`/console/customers/${encodeURIComponent(c.req.param('id'))}`, 303);
    return c.html(<EraseCustomerPage session={c.var.session} customerId={c.req.param('id')} />);
  });

  app.post('/:id/erase', (c) =>
    flashAndRedirect(c, '/console/customers', async () => {
      const keyId = (await store.keys.findByHash(c.var.session.keyHash))?.id ?? null;
      const result = await eraseCustomer(services, c.req.param('id'), { suppress: formText(c.var.form, 'suppress') === 'on', keyId });
      return `Erased ${result.erased.join(', ')}: ${Object.entries(result.removed).map(([table, n]) => `${n} ${table}`).join(', ')}.`;
    }),
  );

  app.post('/:id/events', async (c) => {
    const record = await store.customers.get(c.req.param('id'));
    if (!record) return messagePage(c, 404, 'Not found', `There is no customer with the id “${c.req.param('id')}”.`, 'customers');
    const values = readManualEventForm(c.var.form);
    const definition = values.event ? await store.definitions.get(values.event) : undefined;
    if (!definition) return customerPage(c, { values, error: `No event is defined with the id “${values.event}”.` });
    const input = toManualEventBody(values, definition, c.var.session.timeZone);
    if (!input.ok) return customerPage(c, { values, error: input.message });
    const key = await store.keys.findByHash(c.var.session.keyHash);
    if (!key) return c.redirect('/console/login', 303);
    // The API's own path: validated by the recorder, kept in quarantine if refused, marked source "manual".
    const outcome = await recordManualEvent(record, input.body, key, { recorder: services.recorder, identityPriority: config.identityPriority });
    if (!outcome.ok) return customerPage(c, { values, error: `Not recorded: ${outcome.rejection.message}${outcome.rejection.path ? ` (at ${outcome.rejection.path})` : ''}.` });
    c.var.session.flash = { kind: 'ok', text: `Added “${definition.name}” to the timeline.` };
    return c.redirect(customerUrl(record.mergedInto ?? record.id), 303);
  });
  return app;
}
