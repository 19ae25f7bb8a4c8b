/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { toDefinitionCsv } from '../definitions/definition-csv';
import { moveToGroup } from '../definitions/definition-group-changes';
import { definitionTemplateDownload } from '../definitions/definition-template';
import { changeDefinition, createDefinition, deleteDefinition, restoreSystemDefaults } from '../definitions/save-definition';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import type { StoredDefinition } from '../store/store';
import { formText, type ConsoleContext, type ConsoleEnv } from './console-env';
import { flashAndRedirect, takeFlash } from './console-flash';
import { csvDownload } from './csv-download';
import { fieldName, formValuesOf, readEventForm, toDefinitionChanges, toNewDefinition, type EventFormValues } from './event-form';
import { EventFormPage } from './event-form-page';
import { fieldErrorsOfMessage, type FieldErrors } from './field-errors';
import { DeletePage, EventsPage, RestorePage } from './events-page';
import { messagePage } from './message-page';

const blank: EventFormValues = { id: '', name: '', type: 'inbound', score: '', stage: '', group: '', properties: [] };

/** /console/events: the definitions list, one event's form (new or saved), moving to a group, restoring the system defaults. */
export function eventsSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { store, config } = services;

  // A refused form comes back as typed, with the whole message at the top and each part beside its field.
  const formPage = async (c: ConsoleContext, values: EventFormValues, saved?: StoredDefinition, error?: { message: string; fields: FieldErrors }) =>
    c.html(
      <EventFormPage
        session={c.var.session}
        flash={error ? { kind: 'error', text: error.message } : takeFlash(c.var.session)}
        {...(error && { errors: error.fields })}
        values={values}
        {...(saved && { saved })}
        stages={config.stages}
        groups={await store.groups.list()}
      />,
      error ? 400 : 200,
    );
  // The service's own message (a taken id, an unknown group), its parts placed by the field they name.
  const refused = (error: HttpError) => ({ message: error.message, fields: fieldErrorsOfMessage(error.message, fieldName, error.status === 409 ? 'id' : 'form') });
  const notFound = (c: ConsoleContext) => messagePage(c, 404, 'Not found', `No event is defined with the id “${c.req.param('id')}”.`);

  app.get('/', async (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 64);
    const group = c.req.query('group') ?? '';
    const definitions = await store.definitions.list({ ...(q && { q }), ...(group && { group: group === 'none' ? null : group }) });
    const groups = await store.groups.list();
    return c.html(<EventsPage session={c.var.session} flash={takeFlash(c.var.session)} definitions={definitions} groups={groups} q={q} group={group} />);
  });
  app.get('/template.csv', definitionTemplateDownload);
  app.get('/export.csv', async (c) => csvDownload(c, toDefinitionCsv(await store.definitions.list({ system: false })), 'eventline-definitions.csv'));

  app.get('/new', (c) => (c.var.session.scope === 'admin' ? formPage(c, blank) : c.redirect('/console/events', 303)));
  app.post('/', async (c) => {
    const values = readEventForm(c.var.form);
    const input = toNewDefinition(values);
    if (!input.ok) return formPage(c, values, undefined, input);
    try {
      const created = await createDefinition(services, input.value);
      c.var.session.flash = { kind: 'ok', text: `Saved “${created.name}” (${created.id}). Its id is now fixed.` };
      return c.redirect(`/console/events/${encodeURIComponent(created.id)}`, 303);
    } catch (error) {
      if (error instanceof HttpError) return formPage(c, values, undefined, refused(error));
      throw error;
    }
  });

  app.get('/restore', (c) =>
    c.var.session.scope === 'admin' ? c.html(<RestorePage session={c.var.session} flash={takeFlash(c.var.session)} />) : c.redirect('/console/events', 303),
  );
  app.post('/restore', (c) =>
    flashAndRedirect(c, '/console/events', async () => `Restored the default score and stage of ${await restoreSystemDefaults(services)} system event(s).`),
  );

  app.post('/move', (c) => {
    const ids = [c.var.form.ids ?? []].flat().filter((v): v is string => typeof v === 'string');
    const group = formText(c.var.form, 'group');
    return flashAndRedirect(c, '/console/events', async () => {
      if (ids.length === 0) throw new HttpError(400, 'invalid_request', 'select the events to move first');
      if (group) {
        const moved = await moveToGroup(services, group, ids);
        return `Moved ${ids.length} event(s) into “${moved.name}”.`;
      }
      // Out of every group is the API's PATCH of each event's group to null.
      for (const id of ids) await changeDefinition(services, id, { group: null });
      return `Took ${ids.length} event(s) out of their group.`;
    });
  });

  app.get('/:id', async (c) => {
    const saved = await store.definitions.get(c.req.param('id'));
    if (!saved) return notFound(c);
    return formPage(c, formValuesOf(saved), saved);
  });
  app.post('/:id', async (c) => {
    const saved = await store.definitions.get(c.req.param('id'));
    if (!saved) return notFound(c);
    const values = { ...readEventForm(c.var.form), id: saved.id, type: saved.type };
    const changes = toDefinitionChanges(values, saved);
    if (!changes.ok) return formPage(c, values, saved, changes);
    try {
      await changeDefinition(services, saved.id, changes.value);
    } catch (error) {
      if (error instanceof HttpError) return formPage(c, values, saved, refused(error));
      throw error;
    }
    c.var.session.flash = { kind: 'ok', text: 'Saved.' };
    return c.redirect(`/console/events/${encodeURIComponent(saved.id)}`, 303);
  });
  app.get('/:id/delete', async (c) => {
    const saved = await store.definitions.get(c.req.param('id'));
    if (!saved) return notFound(c);
    if (saved.system || c.var.session.scope !== 'admin') return c.redirect(`/console/events/${encodeURIComponent(saved.id)}`, 303);
    return c.html(<DeletePage session={c.var.session} definition={saved} />);
  });
  app.post('/:id/delete', (c) =>
    flashAndRedirect(c, '/console/events', async () => {
      await deleteDefinition(services, c.req.param('id'));
      return `Deleted ${c.req.param('id')}; its recorded events are kept.`;
    }),
  );

  return app;
}
