/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';

/** Asks before something that cannot be undone: what will happen, a red button that POSTs, and a way back. */
export function ConfirmCard(props: { session: ConsoleSession; action: string; confirm: Child; cancel: string; children: Child }) {
  return (
    <div class="card">
      {props.children}
      <PostForm session={props.session} action={props.action}>
        <button class="danger">{props.confirm}</button> <a href={props.cancel}>Cancel</a>
      </PostForm>
    </div>
  );
}
