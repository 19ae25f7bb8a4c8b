/** What the SDK reads of a page instance: its route (`__route__` on older base libraries) and its query. */
export interface PageInstance {
  route?: string | undefined;
  __route__?: string | undefined;
  options?: Record<string, unknown> | undefined;
}

export const pageRoute = (page: PageInstance | undefined): string | undefined => page?.route ?? page?.__route__;

/** The page on top of the stack, through the host's global `getCurrentPages` (absent before the first page). */
export function currentPage(): PageInstance | undefined {
  try {
    const pages = (globalThis as { getCurrentPages?: () => PageInstance[] }).getCurrentPages?.();
    return pages?.[pages.length - 1];
  } catch {
    return undefined;
  }
}
