/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { DeliveryRecord, TriggerRecord } from '../store/trigger-store';
import { ConfirmPage } from './confirm-page';
import { Layout } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { formatTime } from './console-time-zone';
import { DataTable } from './data-table';
import { PageLinks } from './page-links';
import { unlessText, whereText } from './trigger-text';
import { triggerUrl } from './triggers-page';

const statusStyle: Record<DeliveryRecord['status'], string> = {
  pending: 'background:#fef3c7',
  delivered: 'background:#dcfce7',
  failed: 'background:#fee2e2',
  cancelled: '',
};

/** One trigger: what it does, and its delivery log, newest first, each delivery with its attempts. */
export function TriggerPage(props: {
  session: ConsoleSession;
  trigger: TriggerRecord;
  eventName: (id: string) => string;
  segmentName: string | null;
  deliveries: DeliveryRecord[];
  nextCursor: string | null;
  paged: boolean;
}) {
  const { session, trigger } = props;
  const zone = session.timeZone;
  const time = (ms: number | null) => (ms === null ? '—' : formatTime(ms, zone));
  const url = triggerUrl(trigger.id);
  return (
    <Layout session={session} section="triggers" title={`Trigger on “${props.eventName(trigger.event)}”`}>
      <p>
        <a href="/console/triggers">← All triggers</a>
      </p>
      <div class="facts">
        <div>
          <b>When</b>
          {props.eventName(trigger.event)}
          {trigger.where.length > 0 && ` where ${whereText(trigger.where)}`}
        </div>
        <div>
          <b>Unless</b>
          {unlessText(trigger, props.eventName).replace(/^unless /, '') || '—'}
        </div>
        <div>
          <b>Segment</b>
          {props.segmentName ?? 'everyone'}
        </div>
        <div style="overflow-wrap:anywhere">
          <b>URL</b>
          <code>{trigger.url}</code>
        </div>
        <div>
          <b>Created ({zone})</b>
          {time(trigger.createdAt)}
        </div>
      </div>
      {session.scope === 'admin' && (
        <p>
          <a class="danger-link" href={`${url}/delete`}>
            Delete this trigger
          </a>
        </p>
      )}
      <h2>Delivery log</h2>
      <DataTable
        id="deliveries"
        columns={[`Created (${zone})`, 'Status', 'Attempts', 'Last error', { label: `Delivered / next try (${zone})`, class: 'hide-narrow' }, { label: 'Event', class: 'hide-narrow' }]}
        empty={props.deliveries.length === 0 && (trigger.unless ? 'No delivery yet: a follow-up fires only when its waiting time has passed.' : 'No delivery yet.')}
      >
        {props.deliveries.map((d) => (
          <tr data-id={d.id}>
            <td class="nowrap">{time(d.createdAt)}</td>
            <td>
              <span class="badge" style={statusStyle[d.status]}>
                {d.status}
              </span>
            </td>
            <td>
              {d.attemptLog.length === 0 ? (
                d.attempts
              ) : (
                <details>
                  <summary>{d.attempts}</summary>
                  <ol style="margin:.3rem 0;padding-left:1.2rem">
                    {d.attemptLog.map((a) => (
                      <li>
                        {time(a.at)}: {a.status === null ? 'no answer' : `HTTP ${a.status}`} in {a.durationMs} ms{a.error && `: ${a.error}`}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </td>
            <td>{d.lastError ?? <span class="muted">—</span>}</td>
            <td class="hide-narrow nowrap">{d.status === 'pending' ? time(d.nextAttemptAt) : time(d.deliveredAt)}</td>
            <td class="hide-narrow">
              <code>{d.eventUuid}</code>
            </td>
          </tr>
        ))}
      </DataTable>
      <PageLinks first={url} paged={props.paged} nextCursor={props.nextCursor} order="newest first" style="margin-top:.7rem" />
    </Layout>
  );
}

export function DeleteTriggerPage(props: { session: ConsoleSession; trigger: TriggerRecord; eventName: (id: string) => string }) {
  const { trigger } = props;
  return (
    <ConfirmPage session={props.session} section="triggers" title={`Delete the trigger on “${props.eventName(trigger.event)}”?`} action={`${triggerUrl(trigger.id)}/delete`} confirm="Yes, delete it" cancel="/console/triggers">
      <p>
        No more webhooks go to <code>{trigger.url}</code> for it: deliveries still pending are cancelled, and follow-ups still waiting never fire.
        This cannot be undone.
      </p>
    </ConfirmPage>
  );
}
