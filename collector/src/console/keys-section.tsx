/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { createKey, revokeKey } from '../keys/key-changes';
import { newKeySchema } from '../keys/key-schemas';
import type { Services } from '../services';
import type { KeyRecord } from '../store/store';
import { formText, type ConsoleContext, type ConsoleEnv } from './console-env';
import { flashAndRedirect, takeFlash } from './console-flash';
import { formRefusal, pageFieldName, type FormRefusal } from './field-errors';
import { KeysPage, RevokeKeyPage, type NewKeyValues } from './keys-page';
import { messagePage } from './message-page';

const blank: NewKeyValues = { name: '', scope: 'ingest', origins: '', rateLimit: '' };

// The origins are one text box on the page, so every origin's message goes beside it, numbered as typed.
const fieldName = pageFieldName({ allowedOrigins: 'Origin' });
const formField = (path: readonly PropertyKey[]) => (path[0] === 'allowedOrigins' ? 'origins' : String(path[0] ?? 'form'));

/** /console/keys: the live keys; an admin creates one (shown once) or revokes one, as POST and DELETE /v1/keys do. */
export function keysSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { keys } = services.store;
  const page = async (c: ConsoleContext, extra: { values?: NewKeyValues; refusal?: FormRefusal; created?: KeyRecord & { key: string } } = {}) =>
    c.html(
      <KeysPage
        session={c.var.session}
        flash={extra.refusal ? { kind: 'error', text: extra.refusal.message } : takeFlash(c.var.session)}
        keys={await keys.list()}
        values={extra.values ?? blank}
        defaultRateLimit={services.config.rateLimit}
        {...(extra.refusal && { errors: extra.refusal.fields })}
        {...(extra.created && { created: extra.created })}
      />,
      extra.refusal ? 400 : 200,
    );

  app.get('/', (c) => page(c));

  app.post('/', async (c) => {
    const values: NewKeyValues = { name: formText(c.var.form, 'name'), scope: formText(c.var.form, 'scope'), origins: formText(c.var.form, 'origins'), rateLimit: formText(c.var.form, 'rateLimit') };
    const parsed = newKeySchema.safeParse({
      name: values.name,
      scope: values.scope,
      allowedOrigins: values.origins.split(/[\s,]+/).filter(Boolean),
      rateLimit: values.rateLimit === '' ? null : Number(values.rateLimit),
    });
    if (!parsed.success) return page(c, { values, refusal: formRefusal(parsed.error.issues, fieldName, formField) });
    // As POST /v1/keys: only the hash is kept, so this answer is the one time the key is shown.
    return page(c, { created: await createKey(services, parsed.data) });
  });

  const liveKey = async (id: string) => (await keys.list()).find((k) => k.id === id);

  app.get('/:id/revoke', async (c) => {
    const target = await liveKey(c.req.param('id'));
    if (!target) return messagePage(c, 404, 'Not found', 'There is no live key with this id.', 'keys');
    if (c.var.session.scope !== 'admin') return c.redirect('/console/keys', 303);
    return c.html(<RevokeKeyPage session={c.var.session} target={target} />);
  });

  app.post('/:id/revoke', (c) =>
    flashAndRedirect(c, '/console/keys', async () => {
      const target = await revokeKey(services, c.req.param('id'));
      return `Revoked “${target.name}”: requests with it are refused from now on.`;
    }),
  );
  return app;
}
