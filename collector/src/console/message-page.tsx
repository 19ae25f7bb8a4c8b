/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout } from './console-layout';
import type { ConsoleContext } from './console-env';

/** A page holding only a message: a refusal, or nothing found. */
export const messagePage = (c: ConsoleContext, status: 400 | 403 | 404 | 413, title: string, text: string) =>
  c.html(
    <Layout session={c.var.session} section="events" title={title}>
      <p class="flash error">{text}</p>
    </Layout>,
    status,
  );
