import type { EventDefinition, EventType } from '@eventline/protocol';

export interface StoredDefinition extends EventDefinition {
  defaultScore: number | null;
  defaultStage: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface DefinitionFilter {
  /** Part of the name or id, any case. */
  q?: string;
  /** A group id, or null for the events in no group. */
  group?: string | null;
  type?: EventType;
  system?: boolean;
}

export type DefinitionChangeSet = Partial<Pick<EventDefinition, 'name' | 'score' | 'stage' | 'group' | 'properties'>>;

export interface DefinitionStore {
  /** The live definitions (not deleted), system ones first. */
  list(filter?: DefinitionFilter): Promise<StoredDefinition[]>;
  get(id: string): Promise<StoredDefinition | undefined>;
  /** A deleted definition: its recorded events keep its id. */
  getDeleted(id: string): Promise<StoredDefinition | undefined>;
  /** Inserts the system definitions that are missing; leaves edited ones as they are. */
  seedSystem(definitions: EventDefinition[]): Promise<void>;
  /** Inserts new definitions, or brings deleted ones back with this content; all or none. */
  create(...definitions: EventDefinition[]): Promise<void>;
  update(id: string, changes: DefinitionChangeSet): Promise<void>;
  /** Soft delete: false when there was no live definition with this id. */
  delete(id: string): Promise<boolean>;
  /** Puts every system definition back to its default score and stage; answers how many. */
  restoreDefaults(): Promise<number>;
  /** Moves live definitions into a group (null: no group); answers how many moved. */
  setGroup(ids: string[], group: string | null): Promise<number>;
}
