/**
 * The page of a list at the cursor a "next" link carried (none: the first page). A cursor edited by hand
 * gives the first page again rather than an error page; a first page that fails (a read past its time
 * limit, say) fails once, not twice.
 */
export async function pageAtCursor<T>(cursor: string | undefined, read: (at: { cursor?: string }) => Promise<T>): Promise<T> {
  if (!cursor) return read({});
  try {
    return await read({ cursor });
  } catch {
    return read({});
  }
}
