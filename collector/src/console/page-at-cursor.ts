/**
 * The page of a list at the cursor a "next" link carried (none: the first page). A cursor edited by hand
 * gives the first page again rather than an error page.
 */
export async function pageAtCursor<T>(cursor: string | undefined, read: (at: { cursor?: string }) => Promise<T>): Promise<T> {
  try {
    return await read(cursor ? { cursor } : {});
  } catch {
    return read({});
  }
}
