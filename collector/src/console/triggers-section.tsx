/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import type { TriggerRecord } from '../store/trigger-store';
import { triggerBody } from '../triggers/trigger-schemas';
import type { ConsoleContext, ConsoleEnv } from './console-env';
import { flashAndRedirect, takeFlash } from './console-flash';
import type { FieldErrors } from './field-errors';
import { pageAtCursor } from './page-at-cursor';
import { createTrigger } from '../triggers/create-trigger';
import { blankTriggerForm, readTriggerForm, triggerBodyFrom, triggerFieldErrors, triggerRefusalField, type TriggerFormValues } from './trigger-form';
import { TriggerFormPage } from './trigger-form-page';
import { DeleteTriggerPage, TriggerPage } from './trigger-page';
import { triggerRandomSecret } from './trigger-random-secret';
import { TriggersPage, type TriggerRow } from './triggers-page';
import { withFound } from './with-found';

/** Deliveries read per trigger for the list's pending and failed counts. */
const countedDeliveries = 200;
const logPage = 50;

/** /console/triggers: the live triggers with their delivery counts; create (the secret shown once), delete, each one's delivery log. */
export function triggersSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { store } = services;
  const eventName = (id: string) => services.definitions.get(id)?.definition.name ?? id;
  const segmentNames = async () => new Map((await store.segments.list()).map((s) => [s.id, s.name]));
  const events = async () => (await store.definitions.list()).map((d) => ({ id: d.id, name: d.name }));

  const list = async (c: ConsoleContext, created?: { trigger: TriggerRecord; secret: string }) => {
    const names = await segmentNames();
    const rows: TriggerRow[] = await Promise.all(
      (await store.triggers.list()).map(async (trigger) => {
        const recent = await store.triggers.deliveries(trigger.id, { limit: countedDeliveries });
        const count = (status: string) => recent.items.filter((d) => d.status === status).length;
        return { trigger, segmentName: trigger.segment ? (names.get(trigger.segment) ?? trigger.segment) : null, pending: count('pending'), failed: count('failed'), more: recent.nextCursor !== null };
      }),
    );
    return c.html(<TriggersPage session={c.var.session} flash={takeFlash(c.var.session)} rows={rows} eventName={eventName} {...(created && { created })} />);
  };
  const formPage = async (c: ConsoleContext, values: TriggerFormValues, errors: FieldErrors = {}) =>
    c.html(
      <TriggerFormPage session={c.var.session} values={values} errors={errors} events={await events()} segments={[...(await segmentNames())].map(([id, name]) => ({ id, name }))} />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );

  app.get('/', (c) => list(c));
  app.get('/new', (c) => formPage(c, blankTriggerForm));

  app.post('/', async (c) => {
    const values = readTriggerForm(c.var.form);
    const secret = values.secretMode === 'type' ? values.secret : triggerRandomSecret();
    const parsed = triggerBody.safeParse(triggerBodyFrom(values, secret));
    if (!parsed.success) return formPage(c, values, triggerFieldErrors(parsed.error.issues));
    let trigger;
    try {
      trigger = await createTrigger(services, parsed.data);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const { field, text } = triggerRefusalField(error.message);
      return formPage(c, values, { [field]: text });
    }
    // This answer is the one time the secret is shown: the store keeps it sealed and no page reads it back.
    return list(c, { trigger, secret });
  });

  const withTrigger = withFound((id) => store.triggers.get(id), 'There is no live trigger with this id.', 'triggers');

  app.get(
    '/:id',
    withTrigger(async (c, trigger) => {
      const cursor = c.req.query('cursor');
      const page = await pageAtCursor(cursor, (at) => store.triggers.deliveries(trigger.id, { limit: logPage, ...at }));
      const segmentName = trigger.segment ? ((await store.segments.get(trigger.segment))?.name ?? trigger.segment) : null;
      return c.html(
        <TriggerPage session={c.var.session} trigger={trigger} eventName={eventName} segmentName={segmentName} deliveries={page.items} nextCursor={page.nextCursor} paged={cursor !== undefined} />,
      );
    }),
  );

  app.get(
    '/:id/delete',
    withTrigger(async (c, trigger) => {
      if (c.var.session.scope !== 'admin') return c.redirect('/console/triggers', 303);
      return c.html(<DeleteTriggerPage session={c.var.session} trigger={trigger} eventName={eventName} />);
    }),
  );
  app.post('/:id/delete', (c) =>
    flashAndRedirect(c, '/console/triggers', async () => {
      const trigger = await store.triggers.get(c.req.param('id'));
      if (!trigger || !(await store.triggers.delete(trigger.id, Date.now()))) return 'That trigger was already deleted.';
      await services.caches.changed('triggers');
      return `Deleted the trigger on “${eventName(trigger.event)}”: no more webhooks go to ${trigger.url} for it.`;
    }),
  );
  return app;
}
