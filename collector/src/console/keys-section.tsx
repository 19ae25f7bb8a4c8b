/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import { generateKey } from '../auth/generate-key';
import { hashKey } from '../auth/hash-key';
import { HttpError } from '../errors/http-error';
import { newKeySchema } from '../keys/keys-route';
import type { Services } from '../services';
import type { KeyRecord } from '../store/store';
import { formText, type ConsoleContext, type ConsoleEnv } from './console-env';
import { flashAndRedirect, takeFlash } from './console-flash';
import { issuesText } from './event-form';
import { KeysPage, RevokeKeyPage, type NewKeyValues } from './keys-page';
import { messagePage } from './message-page';

const blank: NewKeyValues = { name: '', scope: 'ingest', origins: '', rateLimit: '' };

/** /console/keys: the live keys; an admin creates one (shown once) or revokes one, as POST and DELETE /v1/keys do. */
export function keysSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { keys } = services.store;
  const page = async (c: ConsoleContext, extra: { values?: NewKeyValues; error?: string; created?: KeyRecord & { key: string } } = {}) =>
    c.html(
      <KeysPage
        session={c.var.session}
        flash={extra.error ? { kind: 'error', text: extra.error } : takeFlash(c.var.session)}
        keys={await keys.list()}
        values={extra.values ?? blank}
        defaultRateLimit={services.config.rateLimit}
        {...(extra.created && { created: extra.created })}
      />,
      extra.error ? 400 : 200,
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
    if (!parsed.success) return page(c, { values, error: issuesText(parsed.error.issues) });
    // As POST /v1/keys: only the hash is kept, so this answer is the one time the key is shown.
    const key = generateKey(parsed.data.scope);
    const record: KeyRecord = { id: uuidv7(), ...parsed.data, createdAt: Date.now() };
    await keys.create({ ...record, hash: hashKey(key) });
    return page(c, { created: { ...record, key } });
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
      const id = c.req.param('id');
      // The rules of DELETE /v1/keys/:id: a live key, and never the last admin key.
      const target = await liveKey(id);
      if (!target) throw new HttpError(404, 'not_found', `there is no live key with the id "${id}"`);
      if (target.scope === 'admin' && (await keys.countByScope('admin')) === 1) {
        throw new HttpError(409, 'conflict', 'this is the last admin key: create another admin key before revoking it');
      }
      await keys.revoke(id, Date.now());
      await services.caches.changed('keys');
      return `Revoked “${target.name}”: requests with it are refused from now on.`;
    }),
  );
  return app;
}
