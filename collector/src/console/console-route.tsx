/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { DefinitionImportProblem } from '@eventline/protocol';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { z } from 'zod';
import { distributionBody, distributionOf, funnelBody, funnelOf } from '../analysis/analysis-reports';
import { hashKey } from '../auth/hash-key';
import { customerSummary } from '../customers/customer-summary';
import { normalizeIdentity } from '../customers/normalize-identity';
import { toDefinitionCsv } from '../definitions/definition-csv';
import { createGroup, deleteGroup, moveToGroup, renameGroup } from '../definitions/definition-group-changes';
import { definitionTemplateCsv } from '../definitions/definition-template';
import { importDefinitions } from '../definitions/import-definitions';
import { changeDefinition, createDefinition, deleteDefinition, restoreSystemDefaults } from '../definitions/save-definition';
import { HttpError } from '../errors/http-error';
import { replayQuarantine } from '../quarantine/replay-quarantine';
import type { Services } from '../services';
import { AnalysisPage, type AnalysisInputs } from './analysis-page';
import { Layout, LoginPage } from './console-layout';
import { findNul } from '../http/find-nul';
import { ConsoleSessions, newToken, sameToken, type ConsoleSession } from './console-sessions';
import { consoleStyle } from './console-style';
import { CustomerPage, type CustomerView } from './customer-page';
import { formValuesOf, issuesText, readEventForm, toDefinitionChanges, toNewDefinition, type EventFormValues } from './event-form';
import { EventFormPage } from './event-form-page';
import { BatchPage, EventsPage, RestorePage } from './events-page';
import { QuarantinePage } from './quarantine-page';

type FormBody = Record<string, string | File | (string | File)[]>;
type ConsoleEnv = { Variables: { session: ConsoleSession; form: FormBody } };
type C = Context<ConsoleEnv>;

export const sessionCookie = 'eventline_console';
const loginCookie = 'eventline_console_login';
const timelinePage = 50;
const dayMs = 86_400_000;

const cookieOptions = (c: Context, maxAge?: number) => ({
  path: '/console',
  httpOnly: true,
  sameSite: 'Strict' as const,
  secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
  ...(maxAge !== undefined && { maxAge }),
});

const field = (form: FormBody, name: string) => {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
};
const csv = (c: Context, text: string, filename: string) => {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${filename}"`);
  return c.body(text);
};

/**
 * The web console at /console: server-rendered pages over the same functions as the API. Logging in
 * with an admin or read key opens a session kept in the store (the cookie holds only its random token); every
 * POST carries the session's CSRF token, and only an admin key's session may POST anything but log out.
 */
export function consoleRoute(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { store, config } = services;
  const sessions = new ConsoleSessions(store.consoleSessions);

  const takeFlash = (s: ConsoleSession) => {
    const flash = s.flash;
    s.flash = null;
    return flash;
  };
  const messagePage = (c: C, status: 400 | 403 | 404 | 413, title: string, text: string) =>
    c.html(
      <Layout session={c.var.session} section="events" title={title}>
        <p class="flash error">{text}</p>
      </Layout>,
      status,
    );
  /** Runs a change, keeps its outcome as the next page's message, and goes back to `to`. */
  const act = async (c: C, to: string, work: () => Promise<string>) => {
    try {
      c.var.session.flash = { kind: 'ok', text: await work() };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      c.var.session.flash = { kind: 'error', text: error.message };
    }
    return c.redirect(to, 303);
  };

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

  // Logging in has no session yet: its form is tied to the browser by a token in a cookie of its own.
  const loginPage = (c: Context, error?: { status: 401 | 403; text: string }) => {
    const token = newToken();
    setCookie(c, loginCookie, token, cookieOptions(c, 3600));
    return c.html(<LoginPage token={token} {...(error && { error: error.text })} />, error?.status ?? 200);
  };
  app.get('/console/login', (c) => loginPage(c));
  app.post('/console/login', async (c) => {
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
    setCookie(c, sessionCookie, sessionToken, cookieOptions(c));
    return c.redirect('/console/events', 303);
  });

  app.use(
    '/console/*',
    async (c, next) => {
      const session = await sessions.get(getCookie(c, sessionCookie));
      // The key is looked up on every request: revoking it (or lowering its scope) ends its console sessions.
      const key = session && (await store.keys.findByHash(session.keyHash));
      if (!session || !key || (key.scope !== 'admin' && key.scope !== 'read')) {
        if (session) await sessions.delete(session);
        return c.redirect('/console/login', 303);
      }
      session.scope = key.scope;
      c.set('session', session);
      if (c.req.method === 'POST') {
        const form = (await c.req.parseBody({ all: true })) as FormBody;
        if (findNul(form) !== undefined) return messagePage(c, 400, 'Not saved', 'A field contains a NUL character (U+0000), which cannot be stored.');
        const token = form._csrf;
        if (!sameToken(typeof token === 'string' ? token : undefined, session.csrf)) return c.text('the form has no valid CSRF token: reload the page', 403);
        if (session.scope !== 'admin' && c.req.path !== '/console/logout') return messagePage(c, 403, 'Not allowed', 'A read key can look but not change anything.');
        c.set('form', form);
      }
      const flash = JSON.stringify(session.flash);
      await next();
      // A message set for the next page, or one shown and so dropped.
      if (JSON.stringify(session.flash) !== flash) await sessions.saveFlash(session);
    },
  );

  app.get('/console', (c) => c.redirect('/console/events', 303));
  app.post('/console/logout', async (c) => {
    await sessions.delete(c.var.session);
    deleteCookie(c, sessionCookie, { path: '/console' });
    return c.redirect('/console/login', 303);
  });

  // Events
  app.get('/console/events', async (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 64);
    const group = c.req.query('group') ?? '';
    const definitions = await store.definitions.list({ ...(q && { q }), ...(group && { group: group === 'none' ? null : group }) });
    const groups = await store.groups.list();
    return c.html(<EventsPage session={c.var.session} flash={takeFlash(c.var.session)} definitions={definitions} groups={groups} q={q} group={group} />);
  });
  app.get('/console/events/template.csv', (c) => csv(c, definitionTemplateCsv, 'eventline-definitions-template.csv'));
  app.get('/console/events/export.csv', async (c) => csv(c, toDefinitionCsv(await store.definitions.list({ system: false })), 'eventline-definitions.csv'));

  const formPage = async (c: C, values: EventFormValues, saved?: Parameters<typeof EventFormPage>[0]['saved'], error?: string) =>
    c.html(
      <EventFormPage
        session={c.var.session}
        flash={error ? { kind: 'error', text: error } : takeFlash(c.var.session)}
        values={values}
        {...(saved && { saved })}
        stages={config.stages}
        groups={await store.groups.list()}
      />,
      error ? 400 : 200,
    );
  const blank: EventFormValues = { id: '', name: '', type: 'inbound', score: '', stage: '', group: '', properties: [] };

  app.get('/console/events/new', (c) => (c.var.session.scope === 'admin' ? formPage(c, blank) : c.redirect('/console/events', 303)));
  app.post('/console/events', async (c) => {
    const values = readEventForm(c.var.form);
    const input = toNewDefinition(values);
    if (!input.ok) return formPage(c, values, undefined, input.message);
    try {
      const created = await createDefinition(services, input.value);
      c.var.session.flash = { kind: 'ok', text: `Saved “${created.name}” (${created.id}). Its id is now fixed.` };
      return c.redirect(`/console/events/${encodeURIComponent(created.id)}`, 303);
    } catch (error) {
      if (error instanceof HttpError) return formPage(c, values, undefined, error.message);
      throw error;
    }
  });

  app.get('/console/events/batch', (c) => c.html(<BatchPage session={c.var.session} flash={takeFlash(c.var.session)} />));
  app.post('/console/events/batch', async (c) => {
    const file = c.var.form.file;
    let problems: DefinitionImportProblem[] | undefined;
    let problemCount = 1;
    let created: string[] | undefined;
    if (!(file instanceof File) || file.size === 0) {
      problems = [{ row: 1, column: null, code: 'no_file', message: 'choose a CSV file to upload' }];
    } else {
      try {
        created = (await importDefinitions(services, new Uint8Array(await file.arrayBuffer()))).map((d) => d.id);
      } catch (error) {
        if (!(error instanceof HttpError) || error.status !== 422) throw error;
        problems = error.details.problems as DefinitionImportProblem[];
        problemCount = error.details.problemCount as number;
      }
    }
    return c.html(<BatchPage session={c.var.session} flash={null} {...(problems && { problems, problemCount })} {...(created && { created })} />, problems ? 422 : 200);
  });

  app.get('/console/events/restore', (c) =>
    c.var.session.scope === 'admin' ? c.html(<RestorePage session={c.var.session} flash={takeFlash(c.var.session)} />) : c.redirect('/console/events', 303),
  );
  app.post('/console/events/restore', (c) => act(c, '/console/events', async () => `Restored the default score and stage of ${await restoreSystemDefaults(services)} system event(s).`));

  app.post('/console/events/move', (c) => {
    const ids = [c.var.form.ids ?? []].flat().filter((v): v is string => typeof v === 'string');
    const group = field(c.var.form, 'group');
    return act(c, '/console/events', async () => {
      if (ids.length === 0) throw new HttpError(400, 'invalid_request', 'select the events to move first');
      const moved = await moveToGroup(services, group, ids);
      return `Moved ${ids.length} event(s) into “${moved.name}”.`;
    });
  });

  app.get('/console/events/:id', async (c) => {
    const saved = await store.definitions.get(c.req.param('id'));
    if (!saved) return messagePage(c, 404, 'Not found', `No event is defined with the id “${c.req.param('id')}”.`);
    return formPage(c, formValuesOf(saved), saved);
  });
  app.post('/console/events/:id', async (c) => {
    const saved = await store.definitions.get(c.req.param('id'));
    if (!saved) return messagePage(c, 404, 'Not found', `No event is defined with the id “${c.req.param('id')}”.`);
    const values = { ...readEventForm(c.var.form), id: saved.id, type: saved.type };
    const changes = toDefinitionChanges(values, saved);
    if (!changes.ok) return formPage(c, values, saved, changes.message);
    try {
      await changeDefinition(services, saved.id, changes.value);
    } catch (error) {
      if (error instanceof HttpError) return formPage(c, values, saved, error.message);
      throw error;
    }
    c.var.session.flash = { kind: 'ok', text: 'Saved.' };
    return c.redirect(`/console/events/${encodeURIComponent(saved.id)}`, 303);
  });
  app.post('/console/events/:id/delete', (c) =>
    act(c, '/console/events', async () => {
      await deleteDefinition(services, c.req.param('id'));
      return `Deleted ${c.req.param('id')}; its recorded events are kept.`;
    }),
  );

  // Groups
  app.post('/console/groups', (c) => act(c, '/console/events', async () => `Created the group “${(await createGroup(services, nameOf(c.var.form))).name}”.`));
  app.post('/console/groups/:id/rename', (c) =>
    act(c, '/console/events', async () => `Renamed the group to “${(await renameGroup(services, c.req.param('id'), nameOf(c.var.form))).name}”.`),
  );
  app.post('/console/groups/:id/delete', (c) =>
    act(c, '/console/events', async () => {
      await deleteGroup(services, c.req.param('id'));
      return 'Deleted the group; its events are now in no group.';
    }),
  );

  // Customer
  app.get('/console/customers', async (c) => {
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

  // Analysis
  app.get('/console/analysis', async (c) => {
    const events = await store.definitions.list();
    const today = new Date().toISOString().slice(0, 10);
    const q = (name: string, fallback: string) => c.req.query(name)?.trim() || fallback;
    const inputs: AnalysisInputs = {
      event: q('event', events.find((d) => !d.system)?.id ?? events[0]?.id ?? ''),
      by: q('by', 'day'),
      timezone: q('timezone', 'UTC'),
      from: q('from', new Date(Date.now() - 6 * dayMs).toISOString().slice(0, 10)),
      to: q('to', today),
      steps: (c.req.queries('step') ?? []).map((s) => s.trim()).filter(Boolean),
      window: q('window', '7d'),
    };
    // Dates are whole days: `to` is included, so the range ends at the start of the day after.
    const range = { from: `${inputs.from}T00:00:00Z`, to: new Date(Date.parse(`${inputs.to}T00:00:00Z`) + dayMs).toISOString() };
    const errors: { distribution?: string; funnel?: string } = {};
    /** The report's result, or undefined with its problem in `errors`. */
    const run = async <T, R>(name: 'distribution' | 'funnel', parsed: z.ZodSafeParseResult<T>, work: (b: T) => Promise<R>): Promise<R | undefined> => {
      if (!parsed.success) {
        errors[name] = issuesText(parsed.error.issues);
        return undefined;
      }
      try {
        return await work(parsed.data);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        errors[name] = error.message;
        return undefined;
      }
    };
    // A report is drawn once its form was sent (an event chosen; steps chosen); each form carries the other's choices.
    const distribution =
      c.req.query('event') === undefined
        ? undefined
        : await run('distribution', distributionBody.safeParse({ ...range, event: inputs.event, by: inputs.by, timezone: inputs.timezone }), (b) => distributionOf(services, b));
    const funnel =
      c.req.query('step') === undefined ? undefined : await run('funnel', funnelBody.safeParse({ ...range, steps: inputs.steps, window: inputs.window }), async (b) => (await funnelOf(services, b)).steps);
    return c.html(
      <AnalysisPage session={c.var.session} flash={takeFlash(c.var.session)} events={events} inputs={inputs} {...(distribution && { distribution })} {...(funnel && { funnel })} errors={errors} />,
      errors.distribution || errors.funnel ? 400 : 200,
    );
  });

  // Quarantine: as in the API, only an admin key reads it (rejected events may hold anything a client sent).
  app.get('/console/quarantine', async (c) => {
    if (c.var.session.scope !== 'admin') return messagePage(c, 403, 'Not allowed', 'The quarantine needs an admin key.');
    const status = c.req.query('status') === 'replayed' ? 'replayed' : 'pending';
    const cursor = Number(c.req.query('cursor'));
    const page = await store.quarantine.list({ status, limit: 100, ...(Number.isSafeInteger(cursor) && cursor > 0 && { cursor }) });
    return c.html(<QuarantinePage session={c.var.session} flash={takeFlash(c.var.session)} status={status} items={page.items} nextCursor={page.nextCursor} />);
  });
  app.post('/console/quarantine/replay', (c) =>
    act(c, '/console/quarantine', async () => {
      const r = await replayQuarantine(store, services);
      return `Replayed: ${r.replayed} recorded, ${r.duplicates} already stored, ${r.stillRejected} still rejected.`;
    }),
  );

  return app;
}

const nameOf = (form: FormBody) => {
  const name = field(form, 'name');
  if (!name || name.length > 64) throw new HttpError(400, 'invalid_request', 'a group name has 1 to 64 characters');
  return name;
};
