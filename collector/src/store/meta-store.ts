/** The collector's own settings kept in the database. */
export interface MetaStore {
  /** The stored value of `key`, storing `value` first when there is none. */
  getOrInsert(key: string, value: string): Promise<string>;
  /** Raises the change counter `name` (a shared cache's) and answers its new value: collectors on this database poll the counters. */
  bumpVersion(name: string): Promise<number>;
  /** Every change counter by name. */
  versions(): Promise<Record<string, number>>;
}
