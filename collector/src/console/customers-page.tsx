/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FilteredCustomer } from '../store/analysis-store';
import type { CustomerRecord } from '../store/store';
import { Flash, Layout } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { formatTime } from './console-time-zone';
import { DataTable } from './data-table';
import { PageLinks } from './page-links';

export interface CustomersFilter {
  /** `type:value`; when given, the page goes to that customer. */
  identity: string;
  level: string;
  stage: string;
}

export type CustomerRow = FilteredCustomer & { level: string; identities: CustomerRecord['identities'] };

const query = (f: Partial<CustomersFilter> & { cursor?: string }) => {
  const q = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return `/console/customers${q.size ? `?${q}` : ''}`;
};

/** Customers by activeness level and stage, a page at a time; or find one by an identity. */
export function CustomersPage(props: {
  session: ConsoleSession;
  flash: ConsoleSession['flash'];
  filter: CustomersFilter;
  levels: readonly string[];
  stages: readonly string[];
  identityTypes: readonly string[];
  rows?: CustomerRow[];
  count?: number;
  nextCursor?: string | null;
  paged: boolean;
  error?: string;
}) {
  const { filter, session } = props;
  return (
    <Layout session={session} section="customers" title="Customers" flash={props.flash}>
      <form method="get" action="/console/customers" class="toolbar" role="search">
        <input
          class="grow"
          name="identity"
          value={filter.identity}
          placeholder={`Find by identity, e.g. email:ada@example.com`}
          aria-label="Identity (type:value)"
          title={`type:value, with a type of ${props.identityTypes.join(', ')}`}
          required
        />
        <button>Find</button>
      </form>
      {props.error && <Flash kind="error" text={props.error} />}
      <div class="card filters">
        <div class="chips" aria-label="Activeness level">
          <b>Activeness</b>
          <a href={query({ stage: filter.stage })} aria-current={filter.level === '' ? 'true' : undefined}>
            All
          </a>
          {props.levels.map((l) => (
            <a href={query({ level: l, stage: filter.stage })} aria-current={filter.level === l ? 'true' : undefined}>
              {l}
            </a>
          ))}
        </div>
        <form method="get" action="/console/customers" class="toolbar inline">
          {filter.level && <input type="hidden" name="level" value={filter.level} />}
          <label class="row">
            <b>Stage</b>
            <select name="stage">
              <option value="">Any stage</option>
              {props.stages.map((s) => (
                <option value={s} selected={filter.stage === s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <button class="secondary">Show</button>
        </form>
      </div>
      {props.rows && (
        <>
          <p class="muted" id="customer-count">
            {props.count} customer{props.count === 1 ? '' : 's'}
            {filter.level && ` with ${filter.level} activeness`}
            {filter.stage && ` at the ${filter.stage} stage`}
          </p>
          <DataTable id="customers" columns={['Customer', 'Activeness', 'Stage', { label: 'Events', class: 'hide-narrow' }, { label: `Last seen (${session.timeZone})`, class: 'hide-narrow' }]} empty={props.rows.length === 0 && 'No customer matches.'}>
            {props.rows.map((r) => {
              const known = r.identities.find((i) => i.type !== 'anonymous') ?? r.identities[0];
              return (
                <tr data-id={r.id}>
                  <td>
                    <a href={`/console/customers/${encodeURIComponent(r.id)}`}>{known ? `${known.type}: ${known.value}` : r.id}</a>
                    {r.identities.length > 1 && <span class="muted"> +{r.identities.length - 1}</span>}
                  </td>
                  <td>
                    {r.activeness} <span class="badge">{r.level}</span>
                  </td>
                  <td>{r.stage ?? '—'}</td>
                  <td class="hide-narrow">{r.eventCount}</td>
                  <td class="hide-narrow">{formatTime(r.lastSeen, session.timeZone)}</td>
                </tr>
              );
            })}
          </DataTable>
          <PageLinks
            first={query({ level: filter.level, stage: filter.stage })}
            paged={props.paged}
            nextCursor={props.nextCursor}
            order="pages"
            at={(cursor) => query({ level: filter.level, stage: filter.stage, cursor })}
          />
        </>
      )}
    </Layout>
  );
}
