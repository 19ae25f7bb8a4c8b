/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { scopes, type KeyRecord } from '../store/store';
import { ConfirmPage } from './confirm-page';
import { Layout, PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { formatTime } from './console-time-zone';
import { DataTable } from './data-table';
import { fieldMarks } from './field-error';
import type { FieldErrors } from './field-errors';
import { GridButton } from './grid-button';

/** The new-key form as typed, so a refusal shows it again. */
export interface NewKeyValues {
  name: string;
  scope: string;
  /** One origin a line (or separated by spaces or commas). */
  origins: string;
  rateLimit: string;
}

const scopeHelp: Record<(typeof scopes)[number], string> = {
  ingest: 'SDKs in pages and mini-programs',
  server: 'your servers send events',
  read: 'look, change nothing',
  admin: 'manage everything',
};

/** The live keys; an admin creates (the key shown once) and revokes. */
export function KeysPage(props: {
  session: ConsoleSession;
  flash: ConsoleSession['flash'];
  keys: KeyRecord[];
  values: NewKeyValues;
  defaultRateLimit: number;
  created?: KeyRecord & { key: string };
  /** A refused key's problems, by the form field they belong beside. */
  errors?: FieldErrors;
}) {
  const { session, values, created, errors } = props;
  const { invalid, Field, Input } = fieldMarks(errors);
  const admin = session.scope === 'admin';
  return (
    <Layout session={session} section="keys" title="Keys" flash={props.flash}>
      {created && (
        <div class="card new-key" role="status" id="new-key">
          <h2 style="margin-top:0">“{created.name}” is ready: copy the key now</h2>
          <p>This is the only time it is shown: the collector keeps only its hash. Lost, it cannot be read again; create another and revoke this one.</p>
          <input readonly value={created.key} aria-label="The new key" class="secret" />
        </div>
      )}
      <DataTable id="keys" columns={['Name', 'Scope', { label: 'Origins', class: 'hide-narrow' }, { label: 'Events/s', class: 'hide-narrow' }, { label: `Created (${session.timeZone})`, class: 'hide-narrow' }, admin && { label: '' }]}>
        {props.keys.map((k) => (
          <tr data-id={k.id}>
            <td>{k.name}</td>
            <td>
              <span class="badge">{k.scope}</span>
            </td>
            <td class="hide-narrow">{k.allowedOrigins.length ? k.allowedOrigins.join(' ') : <span class="muted">any</span>}</td>
            <td class="hide-narrow">{k.rateLimit ?? <span class="muted">default</span>}</td>
            <td class="hide-narrow">{formatTime(k.createdAt, session.timeZone)}</td>
            {admin && (
              <td>
                <a class="danger-link" href={`/console/keys/${encodeURIComponent(k.id)}/revoke`} aria-label={`Revoke ${k.name}`}>
                  Revoke
                </a>
              </td>
            )}
          </tr>
        ))}
      </DataTable>
      {admin && (
        <>
          <h2>Create a key</h2>
          <PostForm session={session} action="/console/keys" class="card form-grid" id="create-key">
            <Input label="Name" name="name" value={values.name} required maxlength={100} placeholder="Shop website" />
            <Field label="Scope" field="scope">
              <select name="scope" {...invalid('scope')}>
                {scopes.map((s) => (
                  <option value={s} selected={values.scope === s}>
                    {s}: {scopeHelp[s]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Allowed origins (ingest keys; empty: any)" field="origins">
              <textarea name="origins" rows={2} placeholder="https://shop.example.com" {...invalid('origins')}>
                {values.origins}
              </textarea>
            </Field>
            <Input label={`Events per second (empty: the default, ${props.defaultRateLimit || 'unlimited'})`} name="rateLimit" type="number" min="1" step="1" value={values.rateLimit} />
            <GridButton>Create key</GridButton>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

export function RevokeKeyPage(props: { session: ConsoleSession; target: KeyRecord }) {
  const { target } = props;
  return (
    <ConfirmPage session={props.session} section="keys" title={`Revoke “${target.name}”?`} action={`/console/keys/${encodeURIComponent(target.id)}/revoke`} confirm="Yes, revoke it" cancel="/console/keys">
      <p>
        Every request with this {target.scope} key is refused from now on{target.scope === 'ingest' ? ': pages and apps that still send with it lose their events until they get a new key' : ''}
        {target.scope === 'admin' || target.scope === 'read' ? ', and console sessions opened with it end' : ''}. This cannot be undone.
      </p>
    </ConfirmPage>
  );
}
