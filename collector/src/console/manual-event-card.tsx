/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { PropertyDefinition } from '@eventline/protocol';
import type { StoredDefinition } from '../store/store';
import { PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { manualPresets, type ManualEventValues } from './manual-event-form';

const presetLabels: Record<(typeof manualPresets)[number], string> = { channel: 'Channel', target_id: 'Material id (target_id)', campaign: 'Campaign' };

function PropertyInput(props: { property: PropertyDefinition; value: string }) {
  const { property: p, value } = props;
  const name = `p_${p.id}`;
  const label = `${p.name}${p.required ? ' *' : ''}`;
  if (p.type === 'boolean') {
    return (
      <label>
        {label}
        <select name={name}>
          <option value="">—</option>
          {['true', 'false'].map((v) => (
            <option value={v} selected={value === v}>
              {v === 'true' ? 'yes' : 'no'}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const type = p.type === 'number' ? 'number' : p.type === 'datetime' ? 'datetime-local' : 'text';
  return (
    <label>
      {label}
      <input name={name} type={type} value={value} required={p.required === true} step={p.type === 'number' ? 'any' : undefined} />
    </label>
  );
}

/**
 * "Manual add": pick the event (a plain link-style form, so no script is needed), then fill in its own
 * properties, typed as its definition says. The time is read in the operator's zone.
 */
export function ManualEventCard(props: { session: ConsoleSession; customerId: string; definitions: StoredDefinition[]; adding?: StoredDefinition | undefined; values?: ManualEventValues }) {
  const { adding, session } = props;
  const base = `/console/customers/${encodeURIComponent(props.customerId)}`;
  const v = props.values;
  return (
    <section class="card" id="add">
      <h2 style="margin-top:0">Add an event by hand</h2>
      <form method="get" action={`${base}#add`} class="toolbar">
        <select name="add" aria-label="Event to add" class="grow">
          {props.definitions.map((d) => (
            <option value={d.id} selected={adding?.id === d.id}>
              {d.name} ({d.id})
            </option>
          ))}
        </select>
        <button class="secondary">{adding ? 'Change event' : 'Choose'}</button>
      </form>
      {adding && (
        <PostForm session={session} action={`${base}/events`} id="manual-event">
          <input type="hidden" name="event" value={adding.id} />
          <div class="form-grid">
            <label>
              When ({session.timeZone}; empty: now)
              <input type="datetime-local" name="time" value={v?.time ?? ''} />
            </label>
            {adding.properties.map((p) => (
              <PropertyInput property={p} value={v?.properties[p.id] ?? ''} />
            ))}
            {manualPresets.map((id) => (
              <label>
                {presetLabels[id]}
                <input name={`p_${id}`} value={v?.properties[id] ?? (id === 'channel' ? 'offline' : '')} />
              </label>
            ))}
            <label>
              Content tags (comma-separated)
              <input name="tags" value={v?.tags ?? ''} placeholder="offline, vip" />
            </label>
          </div>
          <p class="toolbar" style="margin:.7rem 0 0">
            <button>Add “{adding.name}” to the timeline</button>
            <span class="muted">
              {adding.type === 'inbound' ? `Adds ${adding.score ?? 0} to activeness.` : 'Outbound: no score.'} Checked like any event: a refused one waits in the quarantine.
            </span>
          </p>
        </PostForm>
      )}
    </section>
  );
}
