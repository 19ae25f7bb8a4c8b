/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { CustomerSummary } from '../customers/customer-summary';
import type { TagCount, TimelineEvent } from '../store/store';
import { Layout } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { formatTime } from './console-time-zone';


export interface CustomerView {
  customer: CustomerSummary;
  topTags: TagCount[];
  timeline: TimelineEvent[];
  nextCursor: string | null;
  /** Set when this is not the newest page. */
  paged: boolean;
}

/** Find a customer by identity; then who they are and what they did, newest first. */
export function CustomerPage(props: { session: ConsoleSession; flash: ConsoleSession['flash']; identityTypes: readonly string[]; type: string; value: string; view?: CustomerView; notFound?: boolean }) {
  const { view } = props;
  const identity = `${props.type}:${props.value}`;
  return (
    <Layout session={props.session} section="customers" title="Customer" flash={props.flash}>
      <form method="get" action="/console/customers" class="toolbar" role="search">
        <select name="type" aria-label="Identity type">
          {props.identityTypes.map((t) => (
            <option value={t} selected={props.type === t}>
              {t}
            </option>
          ))}
        </select>
        <input class="grow" name="value" value={props.value} placeholder="Identity value" aria-label="Identity value" required />
        <button>Find</button>
      </form>
      {props.notFound && <p class="flash error">No customer has the identity {identity}.</p>}
      {view && (
        <>
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
              <h2 style="margin-top:0">Timeline</h2>
              <div class="table-wrap">
                <table id="timeline">
                  <thead>
                    <tr>
                      <th>Time ({props.session.timeZone})</th>
                      <th>Event</th>
                      <th>Direction</th>
                      <th>Score</th>
                      <th>Properties</th>
                      <th class="hide-narrow">Tags</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.timeline.map((e) => (
                      <tr>
                        <td>{formatTime(e.time, props.session.timeZone)}</td>
                        <td>
                          {e.name ?? e.event}
                          <div class="muted">
                            <code>{e.event}</code>
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
                  </tbody>
                </table>
                {view.timeline.length === 0 && <p class="muted" style="padding:.6rem">No events.</p>}
              </div>
              <p class="toolbar">
                {view.paged && (
                  <a class="button secondary" href={`/console/customers?type=${encodeURIComponent(props.type)}&value=${encodeURIComponent(props.value)}`}>
                    ← Newest
                  </a>
                )}
                {view.nextCursor && (
                  <a
                    class="button secondary"
                    href={`/console/customers?type=${encodeURIComponent(props.type)}&value=${encodeURIComponent(props.value)}&cursor=${encodeURIComponent(view.nextCursor)}`}
                  >
                    Older →
                  </a>
                )}
              </p>
            </section>
          </div>
        </>
      )}
    </Layout>
  );
}
