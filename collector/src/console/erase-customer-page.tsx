/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout, PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';

/** Erasing asks first, on a page of its own: it cannot be undone, and suppression keeps the device out. */
export function EraseCustomerPage(props: { session: ConsoleSession; customerId: string }) {
  const id = props.customerId;
  return (
    <Layout session={props.session} section="customers" title={`Erase customer ${id}?`}>
      <div class="card">
        <p>
          Everything held about <code>{id}</code> goes, in one step that cannot be undone: the customer and those merged into it, their identities, events, content
          tags, follow-up timers, trigger deliveries about their events, and the quarantined events naming their identities. The audit log keeps that it happened.
        </p>
        <PostForm session={props.session} action={`/console/customers/${encodeURIComponent(id)}/erase`}>
          <p>
            <label>
              <input type="checkbox" name="suppress" /> Also suppress their identities: events naming them are refused from now on, so their device does not refill the
              profile
            </label>
          </p>
          <button class="danger">Erase {id}</button> <a href={`/console/customers/${encodeURIComponent(id)}`}>Cancel</a>
        </PostForm>
      </div>
    </Layout>
  );
}
