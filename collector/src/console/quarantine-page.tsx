/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { QuarantineRecord } from '../store/store';
import { Layout, PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { formatTime } from './console-time-zone';
import { DataTable } from './data-table';
import { prettyJson } from './pretty-json';

/** Rejected events with why and what was sent; replay records those (all, or the ticked ones) today's definitions accept. */
export function QuarantinePage(props: { session: ConsoleSession; flash: ConsoleSession['flash']; status: 'pending' | 'replayed'; items: QuarantineRecord[]; nextCursor: string | number | null }) {
  const { status, session } = props;
  const pending = status === 'pending';
  return (
    <Layout session={session} section="quarantine" title="Quarantine" flash={props.flash}>
      <p class="muted">Events the collector refused, kept with the reason. Fix the event definition (or the sender), then replay them: each is checked again against today’s definitions.</p>
      <div class="toolbar">
        <div class="chips grow">
          <a href="/console/quarantine" aria-current={pending ? 'true' : undefined}>
            Pending
          </a>
          <a href="/console/quarantine?status=replayed" aria-current={pending ? undefined : 'true'}>
            Replayed
          </a>
        </div>
        {pending && props.items.length > 0 && (
          <PostForm session={session} action="/console/quarantine/replay" id="replay" class="toolbar inline">
            <button name="which" value="selected">
              Replay selected
            </button>
            <button name="which" value="all" class="secondary">
              Replay all pending
            </button>
          </PostForm>
        )}
      </div>
      <DataTable id="quarantine" columns={[pending && { ariaLabel: 'Select' }, `Received (${session.timeZone})`, 'Why', 'Event as sent']} empty={props.items.length === 0 && `Nothing ${status}.`}>
        {props.items.map((q) => (
          <tr data-id={q.id}>
            {pending && (
              <td>
                <input type="checkbox" name="ids" value={String(q.id)} form="replay" aria-label={`Select rejected event ${q.id}`} />
              </td>
            )}
            <td class="nowrap">
              {formatTime(q.receivedAt, session.timeZone)}
              {q.attempts > 1 && <div class="muted">sent {q.attempts} times</div>}
            </td>
            <td>
              <code class="badge out">{q.code}</code>
              {q.path && (
                <div>
                  at <code>{q.path}</code>
                </div>
              )}
              <div>{q.message}</div>
            </td>
            <td>
              <code>{q.event ?? '—'}</code>
              <details>
                <summary>Body</summary>
                <pre class="json">{prettyJson(q.raw)}</pre>
              </details>
            </td>
          </tr>
        ))}
      </DataTable>
      {props.nextCursor !== null && (
        <p>
          <a class="button secondary" href={`/console/quarantine?status=${status}&cursor=${props.nextCursor}`}>
            More →
          </a>
        </p>
      )}
    </Layout>
  );
}
