/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { SegmentRecord } from '../store/store';
import { ConfirmPage } from './confirm-page';
import { Layout } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { formatTime } from './console-time-zone';
import { DataTable } from './data-table';

export interface SegmentRow {
  segment: SegmentRecord;
  /** The condition in words. */
  text: string;
  /** Who matches now; null when the condition no longer resolves (an activeness level since renamed). */
  count: number | null;
}

export const segmentUrl = (id: string) => `/console/segments/${encodeURIComponent(id)}`;

/** The saved segments with how many customers each holds now; an admin builds a new one. */
export function SegmentsPage(props: { session: ConsoleSession; flash: ConsoleSession['flash']; rows: SegmentRow[] }) {
  const { session } = props;
  return (
    <Layout session={session} section="segments" title="Segments" flash={props.flash}>
      <p class="muted">
        A segment is a saved condition on customers: what they did or did not do, their tags, activeness and stage. Its members are counted again each time it is used,
        so “in the last 30d” always means the last 30 days. Triggers can be limited to a segment.
      </p>
      {session.scope === 'admin' && (
        <p class="toolbar">
          <a class="button" href="/console/segments/new">
            + New segment
          </a>
        </p>
      )}
      <DataTable
        id="segments"
        columns={['Segment', 'Members now', { label: 'Condition', class: 'hide-narrow' }, { label: `Updated (${session.timeZone})`, class: 'hide-narrow' }]}
        empty={props.rows.length === 0 && 'No segment yet.'}
      >
        {props.rows.map((r) => (
          <tr data-id={r.segment.id}>
            <td>
              <a href={segmentUrl(r.segment.id)}>{r.segment.name}</a>
            </td>
            <td class="count">{r.count ?? <span class="muted">—</span>}</td>
            <td class="hide-narrow">{r.text}</td>
            <td class="hide-narrow nowrap">{formatTime(r.segment.updatedAt, session.timeZone)}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function DeleteSegmentPage(props: { session: ConsoleSession; segment: SegmentRecord; triggers: number }) {
  const { segment } = props;
  return (
    <ConfirmPage session={props.session} section="segments" title={`Delete “${segment.name}”?`} action={`${segmentUrl(segment.id)}/delete`} confirm="Yes, delete it" cancel={segmentUrl(segment.id)}>
      <p>
        The segment and its condition are gone; its customers are not touched.
        {props.triggers > 0 && ` ${props.triggers} trigger${props.triggers === 1 ? ' is' : 's are'} limited to it and will fire for nobody until changed.`} This cannot
        be undone.
      </p>
    </ConfirmPage>
  );
}
