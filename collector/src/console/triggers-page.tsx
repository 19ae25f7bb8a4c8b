/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { TriggerRecord } from '../store/trigger-store';
import { Layout } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { DataTable } from './data-table';
import { unlessText, whereText } from './trigger-text';

export interface TriggerRow {
  trigger: TriggerRecord;
  segmentName: string | null;
  /** Among the latest deliveries read (`more`: there are older ones not counted). */
  pending: number;
  failed: number;
  more: boolean;
}

export const triggerUrl = (id: string) => `/console/triggers/${encodeURIComponent(id)}`;

/** The live triggers; right after one is created, its signing secret, the only time it is shown. */
export function TriggersPage(props: {
  session: ConsoleSession;
  flash: ConsoleSession['flash'];
  rows: TriggerRow[];
  eventName: (id: string) => string;
  created?: { trigger: TriggerRecord; secret: string };
}) {
  const { session, created } = props;
  const admin = session.scope === 'admin';
  return (
    <Layout session={session} section="triggers" title="Triggers" flash={props.flash}>
      {created && (
        <div class="card new-key" role="status" id="new-secret">
          <h2 style="margin-top:0">The trigger on “{props.eventName(created.trigger.event)}” is live: copy its signing secret now</h2>
          <p>
            Every webhook carries a signature made with this secret; your receiver checks it. This is the only time it is shown: the collector keeps it sealed. Lost, delete
            the trigger and create it again.
          </p>
          <input readonly value={created.secret} aria-label="The signing secret" class="secret" />
        </div>
      )}
      <p class="muted">
        A trigger calls your URL with a signed webhook for each matching event, or, as a follow-up, when a customer does not do a second event in time (“viewed the
        cart, unless they bought within 1 day”). Deliveries are retried for 24 hours.
      </p>
      {admin && (
        <p class="toolbar">
          <a class="button" href="/console/triggers/new">
            + New trigger
          </a>
        </p>
      )}
      <DataTable
        id="triggers"
        columns={['When', { label: 'Unless', class: 'hide-narrow' }, 'Segment', { label: 'URL', class: 'hide-narrow' }, 'Deliveries', admin && { ariaLabel: 'Actions' }]}
        empty={props.rows.length === 0 && 'No trigger yet.'}
      >
        {props.rows.map((r) => (
          <tr data-id={r.trigger.id}>
            <td>
              <a href={triggerUrl(r.trigger.id)}>{props.eventName(r.trigger.event)}</a>
              {r.trigger.where.length > 0 && <span class="muted"> where {whereText(r.trigger.where)}</span>}
            </td>
            <td class="hide-narrow">{unlessText(r.trigger, props.eventName) || <span class="muted">—</span>}</td>
            <td>{r.segmentName ?? <span class="muted">everyone</span>}</td>
            <td class="hide-narrow">
              <code>{r.trigger.url}</code>
            </td>
            <td class="nowrap">
              <a href={triggerUrl(r.trigger.id)}>
                {r.pending} pending · {r.failed} failed{r.more ? ' (latest)' : ''}
              </a>
            </td>
            {admin && (
              <td>
                <a class="danger-link" href={`${triggerUrl(r.trigger.id)}/delete`} aria-label={`Delete the trigger on ${props.eventName(r.trigger.event)}`}>
                  Delete
                </a>
              </td>
            )}
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
