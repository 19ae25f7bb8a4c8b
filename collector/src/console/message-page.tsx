/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout, type Section } from './console-layout';
import type { ConsoleContext } from './console-env';

/** A page holding only a message: a refusal, or nothing found. */
export const messagePage = (c: ConsoleContext, status: 400 | 403 | 404 | 413, title: string, text: string, section: Section = 'events') =>
  c.html(
    <Layout session={c.var.session} section={section} title={title}>
      <p class="flash error">{text}</p>
    </Layout>,
    status,
  );
