import type { ConsoleContext } from './console-env';
import type { Section } from './console-layout';
import { messagePage } from './message-page';

/**
 * For the routes about one stored thing: finds it by the path's `:id` and hands it to `handle`, or
 * answers a not-found page that says `missing`.
 */
export const withFound =
  <T>(find: (id: string) => Promise<T | undefined>, missing: string, section: Section) =>
  (handle: (c: ConsoleContext, found: T) => Promise<Response> | Response) =>
  async (c: ConsoleContext) => {
    const found = await find(c.req.param('id') ?? '');
    if (!found) return messagePage(c, 404, 'Not found', missing, section);
    return handle(c, found);
  };
