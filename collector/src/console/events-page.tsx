/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { DefinitionImportProblem } from '@eventline/protocol';
import type { DefinitionGroupRecord, StoredDefinition } from '../store/store';
import { ConfirmPage } from './confirm-page';
import { Layout, PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { DataTable } from './data-table';

interface EventsProps {
  session: ConsoleSession;
  flash: ConsoleSession['flash'];
  definitions: StoredDefinition[];
  groups: DefinitionGroupRecord[];
  q: string;
  group: string;
}

const TypeBadge = (props: { type: string }) => <span class={`badge ${props.type === 'inbound' ? 'in' : 'out'}`}>{props.type}</span>;

function Groups(props: EventsProps) {
  const { session, groups, group } = props;
  const admin = session.scope === 'admin';
  const link = (value: string, label: string, count?: number) => (
    <li>
      <a href={value ? `/console/events?group=${encodeURIComponent(value)}` : '/console/events'} aria-current={group === value ? 'page' : undefined}>
        {label}
      </a>
      {count !== undefined && <span class="muted">{count}</span>}
    </li>
  );
  return (
    <aside>
      <h2 style="margin-top:0">Groups</h2>
      <ul>
        {link('', 'All events')}
        {link('none', 'In no group')}
        {groups.map((g) => link(g.id, g.name, g.eventCount))}
      </ul>
      {admin &&
        groups.map((g) => (
          <details>
            <summary>Edit “{g.name}”</summary>
            <PostForm session={session} action={`/console/groups/${encodeURIComponent(g.id)}/rename`}>
              <input name="name" value={g.name} aria-label={`New name for ${g.name}`} required maxlength={64} /> <button class="secondary">Rename</button>
            </PostForm>
            <PostForm session={session} action={`/console/groups/${encodeURIComponent(g.id)}/delete`}>
              <button class="link">Delete group (its events stay)</button>
            </PostForm>
          </details>
        ))}
      {admin && (
        <PostForm session={session} action="/console/groups">
          <input name="name" placeholder="New group" aria-label="New group name" required maxlength={64} /> <button class="secondary">Create</button>
        </PostForm>
      )}
    </aside>
  );
}

export function EventsPage(props: EventsProps) {
  const { session, definitions, groups, q, group } = props;
  const admin = session.scope === 'admin';
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return (
    <Layout session={session} section="events" title="Events" flash={props.flash}>
      <div class="columns">
        <Groups {...props} />
        <section>
          <div class="toolbar">
            <form method="get" action="/console/events" class="grow" role="search">
              {group && <input type="hidden" name="group" value={group} />}
              <input type="search" name="q" value={q} placeholder="Search by name or id" aria-label="Search events" style="width:100%" />
            </form>
            {admin && (
              <a class="button" href="/console/events/new">
                New → Single
              </a>
            )}
            {admin && (
              <a class="button" href="/console/events/batch">
                New → Batch
              </a>
            )}
            <a class="button secondary" href="/console/events/export.csv">
              Export custom events
            </a>
            {admin && (
              <a class="button secondary" href="/console/events/restore">
                Restore system settings
              </a>
            )}
          </div>
          {admin && (
            <PostForm session={session} action="/console/events/move" id="move" class="toolbar">
              <label style="flex-direction:row;align-items:center;gap:.4rem">
                Move selected to
                <select name="group">
                  {groups.map((g) => (
                    <option value={g.id}>{g.name}</option>
                  ))}
                  <option value="">No group</option>
                </select>
              </label>
              <button class="secondary">Move</button>
            </PostForm>
          )}
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {admin && <th aria-label="Select" />}
                  <th>Name</th>
                  <th>Id</th>
                  <th>Type</th>
                  <th>Score</th>
                  <th class="hide-narrow">Stage</th>
                  <th class="hide-narrow">Group</th>
                  {admin && <th />}
                </tr>
              </thead>
              <tbody>
                {definitions.map((d) => (
                  <tr class={d.system ? 'system' : undefined} data-id={d.id}>
                    {admin && (
                      <td>
                        <input type="checkbox" name="ids" value={d.id} form="move" aria-label={`Select ${d.id}`} />
                      </td>
                    )}
                    <td>
                      <a href={`/console/events/${encodeURIComponent(d.id)}`}>{d.name}</a>
                      {d.system && <span class="muted"> · system</span>}
                    </td>
                    <td>
                      <code>{d.id}</code>
                    </td>
                    <td>
                      <TypeBadge type={d.type} />
                    </td>
                    <td>{d.score ?? '—'}</td>
                    <td class="hide-narrow">{d.stage ?? '—'}</td>
                    <td class="hide-narrow">{d.group ? (groupName.get(d.group) ?? d.group) : '—'}</td>
                    {admin && (
                      <td>
                        {!d.system && (
                          <a class="danger-link" href={`/console/events/${encodeURIComponent(d.id)}/delete`} aria-label={`Delete ${d.id}`}>
                            Delete
                          </a>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            {definitions.length === 0 && <p class="muted" style="padding:.6rem">No event matches.</p>}
          </div>
        </section>
      </div>
    </Layout>
  );
}

export function RestorePage(props: { session: ConsoleSession; flash: ConsoleSession['flash'] }) {
  return (
    <ConfirmPage session={props.session} section="events" title="Restore system settings" flash={props.flash} action="/console/events/restore" confirm="Yes, restore the defaults" cancel="/console/events">
      <p>Every system event gets its default score and stage back. Custom events are not touched. This cannot be undone.</p>
    </ConfirmPage>
  );
}

export function DeletePage(props: { session: ConsoleSession; definition: StoredDefinition }) {
  const { definition } = props;
  return (
    <ConfirmPage session={props.session} section="events" title={`Delete “${definition.name}”?`} action={`/console/events/${encodeURIComponent(definition.id)}/delete`} confirm={`Yes, delete ${definition.id}`} cancel="/console/events">
      <p>
        The event <code>{definition.id}</code> will no longer be accepted: new events with this id go to the quarantine. The events already recorded are kept, and
        so are customers’ activeness and timelines.
      </p>
    </ConfirmPage>
  );
}

/** `problems`: the first ones listed (the import lists at most 100); `problemCount`: all of them. */
export function BatchPage(props: { session: ConsoleSession; flash: ConsoleSession['flash']; problems?: DefinitionImportProblem[]; problemCount?: number; created?: string[] }) {
  return (
    <Layout session={props.session} section="events" title="New → Batch create" flash={props.flash}>
      <div class="card">
        <p>
          1. <a href="/console/events/template.csv">Download the template</a>: one property per row, the event’s name, id, type, score and stage repeated on each.
        </p>
        <p>2. Fill it in and save it as CSV UTF-8. 3. Upload it: every event is created, or none when any row has a problem.</p>
        <PostForm session={props.session} action="/console/events/batch" enctype="multipart/form-data" class="toolbar">
          <input type="file" name="file" accept=".csv,text/csv" required aria-label="CSV file" />
          <button>Import</button>
        </PostForm>
      </div>
      {props.problems && (
        <>
          <h2>Nothing was imported: {props.problemCount ?? props.problems.length} problem(s)</h2>
          {(props.problemCount ?? 0) > props.problems.length && <p>The first {props.problems.length} by row are listed: fix those and upload again to see the rest.</p>}
          <DataTable id="problems" columns={['Row', 'Column', 'Problem']}>
            {props.problems.map((p) => (
              <tr>
                <td>{p.row}</td>
                <td>{p.column ?? '—'}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      {props.created && (
        <p class="flash ok" role="status">
          Created {props.created.length} event(s): {props.created.join(', ')}. <a href="/console/events">Back to the events</a>
        </p>
      )}
    </Layout>
  );
}
