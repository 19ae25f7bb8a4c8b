import type { EventContext } from '@eventline/protocol';
import { version } from './version';

/**
 * The `context` of every event: the library and where the page was. The user agent, language and
 * address the collector reads from the request itself, so they are not repeated in every event.
 */
export function createWebContext(): () => EventContext {
  const library = { name: '@eventline/web', version };
  return () => ({ library, page: { url: location.href, path: location.pathname } });
}
