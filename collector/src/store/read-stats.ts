/** How the store's reads are doing, for GET /metrics (the "read-pool queue"). */
export interface ReadStats {
  /** Reads waiting for a reader thread (SQLite) or a connection (PostgreSQL). */
  readonly queued: number;
  /** Reads running now. */
  readonly running: number;
  /** Reads stopped at EVENTLINE_QUERY_TIMEOUT_MS since start. */
  readonly timeouts: number;
}
