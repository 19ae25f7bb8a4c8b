/** A saved customer condition. `condition` is kept as written: its relative windows (within: 30d) move with the clock. */
export interface SegmentRecord {
  id: string;
  name: string;
  condition: unknown;
  createdAt: number;
  updatedAt: number;
}

export interface SegmentStore {
  create(segment: SegmentRecord): Promise<void>;
  /** Oldest first. */
  list(): Promise<SegmentRecord[]>;
  get(id: string): Promise<SegmentRecord | undefined>;
  /** The segment after the change; undefined when there is none. */
  update(id: string, change: { name?: string; condition?: unknown; updatedAt: number }): Promise<SegmentRecord | undefined>;
  /** False when there is none. */
  delete(id: string): Promise<boolean>;
  /** The identities of each of these customers, by type, values in the order they were first seen. */
  identitiesOf(customerIds: readonly string[]): Promise<Map<string, Record<string, string[]>>>;
}
