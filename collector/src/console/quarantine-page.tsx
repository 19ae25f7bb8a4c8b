/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { QuarantineRecord } from '../store/store';
import { Layout, PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';

/** Rejected events with why; replay records those today's definitions accept. */
export function QuarantinePage(props: { session: ConsoleSession; flash: ConsoleSession['flash']; status: 'pending' | 'replayed'; items: QuarantineRecord[]; nextCursor: string | number | null }) {
  const { status } = props;
  return (
    <Layout session={props.session} section="quarantine" title="Quarantine" flash={props.flash}>
      <div class="toolbar">
        <a class={`button ${status === 'pending' ? '' : 'secondary'}`} href="/console/quarantine">
          Pending
        </a>
        <a class={`button ${status === 'replayed' ? '' : 'secondary'}`} href="/console/quarantine?status=replayed">
          Replayed
        </a>
        {status === 'pending' && (
          <PostForm session={props.session} action="/console/quarantine/replay">
            <button>Replay against today’s definitions</button>
          </PostForm>
        )}
      </div>
      <div class="table-wrap">
        <table id="quarantine">
          <thead>
            <tr>
              <th>Received (UTC)</th>
              <th>Code</th>
              <th>Why</th>
              <th>Event</th>
              <th class="hide-narrow">As sent</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((q) => (
              <tr>
                <td>{new Date(q.receivedAt).toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>
                  <code>{q.code}</code>
                </td>
                <td>
                  {q.message}
                  {q.path && <div class="muted">{q.path}</div>}
                </td>
                <td>
                  <code>{q.event ?? '—'}</code>
                </td>
                <td class="hide-narrow">
                  <pre>{q.raw.length > 300 ? `${q.raw.slice(0, 300)}…` : q.raw}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.items.length === 0 && <p class="muted" style="padding:.6rem">Nothing {status}.</p>}
      </div>
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
