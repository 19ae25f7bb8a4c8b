/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { materialTypes, type MaterialRecord, type MaterialType } from '../store/store';
import { ConfirmPage } from './confirm-page';
import { Layout, PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { formatTime } from './console-time-zone';
import { DataTable } from './data-table';
import { fieldMarks } from './field-error';
import type { FieldErrors } from './field-errors';
import { GridButton } from './grid-button';

/** A material form as typed; tags comma-separated. */
export interface MaterialValues {
  id: string;
  name: string;
  type: string;
  tags: string;
}

const typeLabels: Record<MaterialType, string> = { qrcode: 'QR code', wechat_page: 'WeChat page', email: 'Email', sms: 'SMS', web_page: 'Web page' };

const Tags = (props: { tags: string[] }) => (
  <span class="tags">
    {props.tags.length === 0 ? <span class="muted">no tags</span> : props.tags.map((t) => <span class="tag">{t}</span>)}
  </span>
);

function Fields(props: { values: MaterialValues; editing: boolean; readonly: boolean; errors: FieldErrors | undefined }) {
  const { values } = props;
  const { invalid, Field, Input } = fieldMarks(props.errors);
  return (
    <>
      {!props.editing && (
        <Input label="Id (empty: one is made up)" name="id" value={values.id} maxlength={128} placeholder="the target_id events name, e.g. a QR scene" />
      )}
      <Input label="Name" name="name" value={values.name} required maxlength={128} readonly={props.readonly} placeholder="Spring sale poster" />
      <Field label="Type" field="type">
        <select name="type" disabled={props.readonly} {...invalid('type')}>
          {materialTypes.map((t) => (
            <option value={t} selected={values.type === t}>
              {typeLabels[t]}
            </option>
          ))}
        </select>
      </Field>
      <Input label="Content tags (comma-separated)" name="tags" value={values.tags} readonly={props.readonly} placeholder="spring, discount" />
    </>
  );
}

/** The materials, filtered by type; an admin adds one. */
export function MaterialsPage(props: { session: ConsoleSession; flash: ConsoleSession['flash']; items: MaterialRecord[]; type: MaterialType | ''; values: MaterialValues; errors?: FieldErrors }) {
  const { session } = props;
  const admin = session.scope === 'admin';
  return (
    <Layout session={session} section="materials" title="Materials" flash={props.flash}>
      <p class="muted">
        The content customers meet: a poster’s QR code, a WeChat article, an email. An event whose <code>target_id</code> names a material carries its content tags, and the
        tags build each customer’s content preferences.
      </p>
      <div class="chips" style="margin-bottom:.7rem" aria-label="Type">
        <b>Type</b>
        <a href="/console/materials" aria-current={props.type === '' ? 'true' : undefined}>
          All
        </a>
        {materialTypes.map((t) => (
          <a href={`/console/materials?type=${t}`} aria-current={props.type === t ? 'true' : undefined}>
            {typeLabels[t]}
          </a>
        ))}
      </div>
      <DataTable id="materials" columns={['Name', 'Type', 'Content tags', { label: 'Id (target_id)', class: 'hide-narrow' }, { label: `Changed (${session.timeZone})`, class: 'hide-narrow' }]} empty={props.items.length === 0 && 'No material yet.'}>
        {props.items.map((m) => (
          <tr data-id={m.id}>
            <td>
              <a href={`/console/materials/${encodeURIComponent(m.id)}`}>{m.name}</a>
            </td>
            <td>{typeLabels[m.type]}</td>
            <td>
              <Tags tags={m.tags} />
            </td>
            <td class="hide-narrow">
              <code>{m.id}</code>
            </td>
            <td class="hide-narrow">{formatTime(m.updatedAt, session.timeZone)}</td>
          </tr>
        ))}
      </DataTable>
      {admin && (
        <>
          <h2>Add a material</h2>
          <PostForm session={session} action="/console/materials" class="card form-grid" id="new-material">
            <Fields values={props.values} editing={false} readonly={false} errors={props.errors} />
            <GridButton>Add material</GridButton>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

/** One material: edit its name, type and tags, or delete it. */
export function MaterialPage(props: { session: ConsoleSession; flash: ConsoleSession['flash']; material: MaterialRecord; values: MaterialValues; errors?: FieldErrors }) {
  const { session, material } = props;
  const admin = session.scope === 'admin';
  return (
    <Layout session={session} section="materials" title={material.name} flash={props.flash}>
      <p>
        <a href="/console/materials">← All materials</a> · id <code>{material.id}</code> · <Tags tags={material.tags} />
      </p>
      <PostForm session={session} action={`/console/materials/${encodeURIComponent(material.id)}`} class="card form-grid" id="edit-material">
        <Fields values={props.values} editing readonly={!admin} errors={props.errors} />
        {admin && <GridButton>Save</GridButton>}
      </PostForm>
      {admin && (
        <p>
          <a class="danger-link" href={`/console/materials/${encodeURIComponent(material.id)}/delete`}>
            Delete this material
          </a>
        </p>
      )}
    </Layout>
  );
}

export function DeleteMaterialPage(props: { session: ConsoleSession; material: MaterialRecord }) {
  const { material } = props;
  return (
    <ConfirmPage
      session={props.session}
      section="materials"
      title={`Delete “${material.name}”?`}
      action={`/console/materials/${encodeURIComponent(material.id)}/delete`}
      confirm="Yes, delete it"
      cancel={`/console/materials/${encodeURIComponent(material.id)}`}
    >
      <p>Events recorded from now on with target_id {material.id} carry no tags. Events already recorded keep theirs.</p>
    </ConfirmPage>
  );
}
