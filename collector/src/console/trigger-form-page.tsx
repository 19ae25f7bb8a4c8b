/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { BlankFirstSelect } from './blank-first-select';
import { Layout, PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { fieldMarks } from './field-error';
import type { FieldErrors } from './field-errors';
import type { TriggerField, TriggerFormValues } from './trigger-form';

const propertyOps = ['=', '!=', '>', '<', 'contains', 'in'];

/** The new-trigger form: the event and an optional property condition, an optional follow-up and segment, the URL and its secret. */
export function TriggerFormPage(props: {
  session: ConsoleSession;
  values: TriggerFormValues;
  errors: FieldErrors;
  events: { id: string; name: string }[];
  segments: { id: string; name: string }[];
}) {
  const { values, errors } = props;
  const { invalid, Message, Field, Input } = fieldMarks<TriggerField>(errors);
  const events = props.events.map((e) => ({ id: e.id, name: `${e.name} (${e.id})` }));
  return (
    <Layout session={props.session} section="triggers" title="New trigger" flash={Object.keys(errors).length > 0 ? { kind: 'error', text: 'Not created: see the fields marked below.' } : null}>
      <style dangerouslySetInnerHTML={{ __html: 'fieldset{border:1px solid #e2e8f0;border-radius:6px;margin:0;padding:.6rem}legend{color:#475569;font-size:.9rem}' }} />
      <p>
        <a href="/console/triggers">← All triggers</a>
      </p>
      <PostForm session={props.session} action="/console/triggers" class="card form-grid" id="new-trigger">
        <Field label="When a customer does" field="event">
          <BlankFirstSelect name="event" blank="event…" value={values.event} options={events} invalid={invalid('event')} />
        </Field>
        <Field label="Unless they then do (optional: a follow-up)" field="unlessEvent">
          <BlankFirstSelect name="unlessEvent" blank="— fire at once —" value={values.unlessEvent} options={events} invalid={invalid('unlessEvent')} />
        </Field>
        <Input label="Within (such as 30m or 1d; up to 30d)" name="unlessWithin" value={values.unlessWithin} placeholder="1d" />
        <Field label="Only for the segment" field="segment">
          <BlankFirstSelect name="segment" blank="everyone" value={values.segment} options={props.segments} invalid={invalid('segment')} />
        </Field>
        <Field label="Only when the event’s property (optional)" field="property" wide>
          <span class="toolbar inline">
            <input name="property" value={values.property} placeholder="plan" style="width:7rem" aria-label="Property" {...invalid('property')} />
            <select name="propertyOp" aria-label="Comparison">
              {propertyOps.map((o) => (
                <option value={o} selected={o === values.propertyOp}>
                  {o}
                </option>
              ))}
            </select>
            <input name="propertyValue" value={values.propertyValue} placeholder="pro" style="width:7rem" aria-label="Value" />
          </span>
        </Field>
        <Field label="Call this URL" field="url" wide>
          <input name="url" type="url" value={values.url} required placeholder="https://hooks.example.com/eventline" {...invalid('url')} />
        </Field>
        <fieldset style="grid-column:1/-1">
          <legend>Signing secret</legend>
          <label class="row">
            <input type="radio" name="secretMode" value="generate" checked={values.secretMode === 'generate'} /> Make one up for me (shown once, after creating)
          </label>
          <label class="row">
            <input type="radio" name="secretMode" value="type" checked={values.secretMode === 'type'} /> Use mine:
            <input name="secret" type="password" autocomplete="off" placeholder="16 characters or more" aria-label="Your secret" {...invalid('secret')} />
          </label>
          <Message field="secret" />
        </fieldset>
        <p style="grid-column:1/-1;margin:0">
          <button>Create trigger</button>
        </p>
      </PostForm>
    </Layout>
  );
}
