/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { SegmentMember } from '../segments/segment-members';
import type { SegmentRecord } from '../store/store';
import { Flash, Layout } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { formatTime } from './console-time-zone';
import { DataTable } from './data-table';
import { PageLinks } from './page-links';
import { segmentUrl } from './segments-page';

/** A member's identities, the ones that name a person first: `email: ada@example.com`. */
export function identityText(identities: Record<string, string[]>): string[] {
  const entries = Object.entries(identities).sort(([a], [b]) => Number(a === 'anonymous') - Number(b === 'anonymous'));
  return entries.flatMap(([type, values]) => values.map((v) => `${type}: ${v}`));
}

/** One segment: its condition in words, how many match now, its members a page at a time, and downloads of them all. */
export function SegmentPage(props: {
  session: ConsoleSession;
  flash: ConsoleSession['flash'];
  segment: SegmentRecord;
  text: string;
  count: number | null;
  members: SegmentMember[];
  nextCursor: string | null;
  paged: boolean;
  error?: string;
}) {
  const { session, segment } = props;
  const url = segmentUrl(segment.id);
  return (
    <Layout session={session} section="segments" title={segment.name} flash={props.flash}>
      <p>
        <a href="/console/segments">← All segments</a>
      </p>
      <div class="facts">
        <div>
          <b>Members now</b>
          <span id="member-count">{props.count ?? '—'}</span>
        </div>
        <div style="grid-column:span 3">
          <b>Condition</b>
          <span id="condition-text">{props.text}</span>
        </div>
      </div>
      {props.error && <Flash kind="error" text={props.error} />}
      <p class="toolbar">
        <a class="button secondary" href={`${url}/members.csv`} download>
          Download CSV
        </a>
        <a class="button secondary" href={`${url}/members.ndjson`} download>
          Download NDJSON
        </a>
        {session.scope === 'admin' && (
          <>
            <a class="button secondary" href={`${url}/edit`}>
              Edit condition
            </a>
            <a class="danger-link" href={`${url}/delete`}>
              Delete segment
            </a>
          </>
        )}
      </p>
      <DataTable
        id="members"
        columns={['Customer', 'Activeness', 'Stage', { label: `Last seen (${session.timeZone})`, class: 'hide-narrow' }]}
        empty={props.members.length === 0 && 'Nobody matches now.'}
      >
        {props.members.map((m) => {
          const [first = m.id, ...more] = identityText(m.identities);
          return (
            <tr data-id={m.id}>
              <td>
                <a href={`/console/customers/${encodeURIComponent(m.id)}`}>{first}</a>
                {more.length > 0 && <span class="muted"> · {more.join(' · ')}</span>}
              </td>
              <td>
                {m.activeness} <span class="badge">{m.activenessLevel}</span>
              </td>
              <td>{m.stage ?? '—'}</td>
              <td class="hide-narrow nowrap">{formatTime(m.lastSeen, session.timeZone)}</td>
            </tr>
          );
        })}
      </DataTable>
      <PageLinks first={url} paged={props.paged} nextCursor={props.nextCursor} order="pages" style="margin-top:.7rem" />
    </Layout>
  );
}
