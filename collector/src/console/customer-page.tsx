/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { CustomerSummary } from '../customers/customer-summary';
import type { StoredDefinition, TagCount, TimelineEvent } from '../store/store';
import { Layout } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { formatTime } from './console-time-zone';
import { DataTable } from './data-table';
import { ManualEventCard } from './manual-event-card';
import type { ManualEventValues } from './manual-event-form';
import { PageLinks } from './page-links';


export interface CustomerView {
  customer: CustomerSummary;
  topTags: TagCount[];
  timeline: TimelineEvent[];
  nextCursor: string | null;
  /** Set when this is not the newest page. */
  paged: boolean;
}

/** One customer: who they are, what they did (newest first), and an event added by hand. */
export function CustomerPage(props: {
  session: ConsoleSession;
  flash: ConsoleSession['flash'];
  view: CustomerView;
  definitions: StoredDefinition[];
  adding?: StoredDefinition | undefined;
  values?: ManualEventValues;
}) {
  const { view, session } = props;
  const known = view.customer.identities.find((i) => i.type !== 'anonymous') ?? view.customer.identities[0];
  const base = `/console/customers/${encodeURIComponent(view.customer.id)}`;
  return (
    <Layout session={session} section="customers" title={known ? `${known.type}: ${known.value}` : 'Customer'} flash={props.flash}>
      <p>
        <a href="/console/customers">← All customers</a>
      </p>
      <div class="facts">
        <div>
          <b>Customer</b>
          <code>{view.customer.id}</code>
        </div>
        <div>
          <b>Activeness</b>
          {view.customer.activeness} · {view.customer.activenessLevel}
        </div>
        <div>
          <b>Stage</b>
          {view.customer.stage ?? '—'}
        </div>
        <div>
          <b>Events</b>
          {view.customer.eventCount}
        </div>
        <div>
          <b>Last seen</b>
          {formatTime(view.customer.lastSeen, props.session.timeZone)}
        </div>
      </div>
      <div class="columns">
        <aside>
          <h2 style="margin-top:0">Identities</h2>
          <ul>
            {view.customer.identities.map((i) => (
              <li>
                <span>{i.type}</span>
                <code>{i.value}</code>
              </li>
            ))}
          </ul>
          <h2>Top content tags</h2>
          {view.topTags.length === 0 ? (
            <p class="muted">None yet.</p>
          ) : (
            <ul>
              {view.topTags.map((t) => (
                <li>
                  <span>{t.tag}</span>
                  <span class="muted">{t.count}</span>
                </li>
              ))}
            </ul>
          )}
        </aside>
        <section>
          {session.scope === 'admin' && (
            <p>
              <a class="danger" href={`/console/customers/${encodeURIComponent(view.customer.id)}/erase`}>
                Erase this customer…
              </a>
            </p>
          )}
          {session.scope === 'admin' && (
            <ManualEventCard session={session} customerId={view.customer.id} definitions={props.definitions} adding={props.adding} {...(props.values && { values: props.values })} />
          )}
          <h2>Timeline</h2>
          <DataTable
            id="timeline"
            columns={[`Time (${props.session.timeZone})`, 'Event', 'Direction', 'Score', 'Properties', { label: 'Tags', class: 'hide-narrow' }]}
            empty={view.timeline.length === 0 && 'No events.'}
          >
            {view.timeline.map((e) => (
              <tr>
                <td>{formatTime(e.time, props.session.timeZone)}</td>
                <td>
                  {e.name ?? e.event}
                  <div class="muted">
                    <code>{e.event}</code>
                    {e.source === 'manual' && <span class="badge aside">added by hand</span>}
                  </div>
                </td>
                <td>
                  <span class={`badge ${e.type === 'inbound' ? 'in' : 'out'}`}>{e.type}</span>
                </td>
                <td>{e.score}</td>
                <td>
                  <pre>{Object.entries(e.properties).map(([k, v]) => `${k}: ${JSON.stringify(v)}\n`)}</pre>
                </td>
                <td class="hide-narrow">{e.tags.join(', ')}</td>
              </tr>
            ))}
          </DataTable>
          <PageLinks first={base} paged={view.paged} nextCursor={view.nextCursor} order="newest first" />
        </section>
      </div>
    </Layout>
  );
}
