export interface DefinitionGroupRecord {
  id: string;
  name: string;
  createdAt: number;
  /** Live definitions in the group. */
  eventCount: number;
}

export interface DefinitionGroupStore {
  list(): Promise<DefinitionGroupRecord[]>;
  get(id: string): Promise<DefinitionGroupRecord | undefined>;
  findByName(name: string): Promise<DefinitionGroupRecord | undefined>;
  create(group: { id: string; name: string }): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  /** Deletes the group; its definitions are left in no group. */
  delete(id: string): Promise<boolean>;
}
