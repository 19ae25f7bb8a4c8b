/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { propertyTypes } from '@eventline/protocol';
import type { DefinitionGroupRecord, StoredDefinition } from '../store/store';
import { BlankFirstSelect } from './blank-first-select';
import { Layout, PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { DataTable } from './data-table';
import type { EventFormValues } from './event-form';
import { FieldError, fieldMarks, invalidField } from './field-error';
import { fieldError, type FieldErrors } from './field-errors';
import { PresetPropertiesPanel } from './preset-properties-panel';

const blankRows = 3;

// The id's rule in our words: the browser's own pattern check said only "Please match the requested
// format", so the input carries the rule as its title and the server's check is the guard.
const idRule = 'A custom event id starts with cl_ and has only a-z, 0-9 and _, e.g. cl_add_to_cart';

// Adds a property row by copying the last (blank) one; without script the blank rows are still there.
const addRowScript = `document.getElementById('add-property').addEventListener('click', function () {
  var body = document.querySelector('#properties tbody');
  var row = body.lastElementChild.cloneNode(true);
  row.querySelectorAll('input').forEach(function (i) { i.value = ''; i.readOnly = false; });
  row.querySelectorAll('select').forEach(function (s) { s.selectedIndex = 0; });
  body.appendChild(row);
});`;

/**
 * One event's form: New → Single when `saved` is undefined, otherwise the saved event, whose id and type
 * are locked (and, for a system event, its name and properties). A read key sees it without a save button.
 */
export function EventFormPage(props: {
  session: ConsoleSession;
  flash: ConsoleSession['flash'];
  values: EventFormValues;
  saved?: StoredDefinition;
  stages: readonly string[];
  groups: DefinitionGroupRecord[];
  /** The problems of a refused save, by field ("id", "properties.1.name"). */
  errors?: FieldErrors;
}) {
  const { session, values, saved, stages, groups, errors } = props;
  const err = (key: string, row?: string) => fieldError(errors, key, row);
  const { invalid, Message, Field, Input } = fieldMarks(errors);
  const admin = session.scope === 'admin';
  const fixed = saved?.system === true || !admin;
  const savedIds = new Set(saved?.properties.map((p) => p.id));
  const rows = [...values.properties, ...(fixed ? [] : Array.from({ length: blankRows }, () => ({ id: '', name: '', type: 'text', required: false })))];
  const title = saved ? `${saved.name}${saved.system ? ' (system event)' : ''}` : 'New → Single create';
  return (
    <Layout session={session} section="events" title={title} flash={props.flash}>
      <PostForm session={session} action={saved ? `/console/events/${encodeURIComponent(saved.id)}` : '/console/events'} class="card">
        <div class="form-grid">
          <Input
            label={`Id ${saved ? '(fixed once saved)' : '(cl_…, cannot change later)'}`}
            name="id"
            value={values.id}
            readonly={saved !== undefined}
            required
            title={idRule}
            maxlength={32}
            placeholder="cl_add_to_cart"
          />
          <Input label="Name" name="name" value={values.name} readonly={fixed} required maxlength={64} />
          <label>
            Type
            {saved ? (
              <input name="type" value={values.type} readonly />
            ) : (
              <select name="type">
                {['inbound', 'outbound'].map((t) => (
                  <option value={t} selected={values.type === t}>
                    {t}
                  </option>
                ))}
              </select>
            )}
          </label>
          <Input label="Score (inbound only)" name="score" type="number" step="1" min="-1000" max="1000" value={values.score} readonly={!admin} />
          <Field label="Stage" field="stage">
            <BlankFirstSelect name="stage" blank="none" value={values.stage} options={stages.map((s) => ({ id: s, name: s }))} disabled={!admin} invalid={invalid('stage')} />
          </Field>
          <Field label="Group" field="group">
            <BlankFirstSelect name="group" blank="none" value={values.group} options={groups} disabled={!admin} invalid={invalid('group')} />
          </Field>
        </div>
        <Message field="form" />
        <h2>Properties</h2>
        <DataTable
          id="properties"
          class="props"
          columns={['Name', 'Id', 'Type', 'Required']}
          empty={rows.length === 0 && <>None of its own{saved ? ': see the preset properties below' : ''}.</>}
        >
          {rows.map((p, i) => {
            const locked = fixed || savedIds.has(p.id);
            // Rows are numbered as the messages number them: "Property 2" is the second row.
            const row = `properties.${i}`;
            const fieldMessage = (field: string) => err(`${row}.${field}`);
            return (
              <tr>
                <td>
                  <input name="prop_name" value={p.name} readonly={fixed} aria-label="Property name" maxlength={64} {...invalidField(`${row}.name`, err(`${row}.name`, row))} />
                  <FieldError field={`${row}.name`} message={err(`${row}.name`, row)} />
                </td>
                <td>
                  <input name="prop_id" value={p.id} readonly={locked} aria-label="Property id" placeholder="cl_…" maxlength={32} {...invalidField(`${row}.id`, fieldMessage('id'))} />
                  <FieldError field={`${row}.id`} message={fieldMessage('id')} />
                </td>
                <td>
                  {locked ? (
                    <input name="prop_type" value={p.type} readonly aria-label="Property type" {...invalidField(`${row}.type`, fieldMessage('type'))} />
                  ) : (
                    <select name="prop_type" aria-label="Property type" {...invalidField(`${row}.type`, fieldMessage('type'))}>
                      {propertyTypes.map((t) => (
                        <option value={t} selected={p.type === t}>
                          {t}
                        </option>
                      ))}
                    </select>
                  )}
                  <FieldError field={`${row}.type`} message={fieldMessage('type')} />
                </td>
                <td>
                  <select name="prop_required" aria-label="Required">
                    {(fixed ? [p.required] : [false, true]).map((r) => (
                      <option value={r ? 'required' : 'optional'} selected={p.required === r}>
                        {r ? 'required' : 'optional'}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </DataTable>
        {admin && (
          <p class="toolbar">
            {!fixed && (
              <button type="button" class="secondary" id="add-property">
                Add property
              </button>
            )}
            <button type="submit">Save</button>
            <a href="/console/events">Cancel</a>
          </p>
        )}
      </PostForm>
      {saved && <PresetPropertiesPanel eventId={saved.id} system={saved.system} />}
      {admin && !fixed && <script dangerouslySetInnerHTML={{ __html: addRowScript }} />}
    </Layout>
  );
}
