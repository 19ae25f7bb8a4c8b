/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { Layout, PostForm, type Section } from './console-layout';
import type { ConsoleSession } from './console-sessions';

/**
 * Asks before something that cannot be undone, on a page of its own: no script needed, and a slip of the
 * finger changes nothing. What will happen, a red button that POSTs, and a way back.
 */
export function ConfirmPage(props: {
  session: ConsoleSession;
  flash?: ConsoleSession['flash'];
  section: Section;
  title: string;
  action: string;
  confirm: Child;
  cancel: string;
  children: Child;
}) {
  return (
    <Layout session={props.session} section={props.section} title={props.title} flash={props.flash ?? null}>
      <div class="card">
        {props.children}
        <PostForm session={props.session} action={props.action}>
          <button class="danger">{props.confirm}</button> <a href={props.cancel}>Cancel</a>
        </PostForm>
      </div>
    </Layout>
  );
}
