/** Removing events past their retention (EVENTLINE_RETENTION_DAYS). */
export interface RetentionStore {
  /**
   * Removes up to `limit` of the events recorded with a time before `before`, with their content tags,
   * their trigger deliveries and (PostgreSQL) their dedupe ids, in one short transaction; answers how
   * many events went. Customers' running totals (activeness, event count, stage) are kept.
   */
  removeEventsBefore(before: number, limit: number): Promise<number>;
}
