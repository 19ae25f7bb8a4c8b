import type pg from 'pg';

const monthMs = (time: number) => {
  const d = new Date(time);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};

/** The month partitions of `events`: made when the first event of a month arrives. */
export class PgPartitions {
  /** Months (their first ms) whose events partition this process made sure of. */
  private readonly partitions = new Set<number>();

  constructor(private readonly pool: pg.Pool) {}

  /** Forgets what it made sure of: retention may have dropped a month since. */
  forget(): void {
    this.partitions.clear();
  }

  /**
   * Creates the month partitions these times need. Outside the write transaction (DDL locks the parent
   * table); another collector may create the same one at the same moment, which is fine.
   */
  async ensure(times: number[]): Promise<void> {
    const months = new Set(times.map(monthMs).filter((m) => !this.partitions.has(m)));
    for (const month of months) {
      const start = new Date(month);
      const next = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
      const name = `events_${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
      try {
        await this.pool.query(`create table if not exists ${name} partition of events for values from (${month}) to (${next})`);
      } catch (error) {
        // 42P07/23505: created by another collector between our check and create; 42P17: a partition covers it already.
        if (!['42P07', '23505', '42P17'].includes((error as { code?: string }).code ?? '')) throw error;
      }
      this.partitions.add(month);
    }
  }
}
