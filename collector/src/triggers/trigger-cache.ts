import type { NewEvent } from '../store/store';
import type { TriggerRecord, TriggerStore } from '../store/trigger-store';
import { matchTriggers } from './match-triggers';

/**
 * The live triggers, kept in memory so ingest matches events without a query; reloaded whole whenever
 * a trigger changes, here or in another collector on the same database (they are few).
 */
export class TriggerCache {
  private triggers: TriggerRecord[] = [];

  constructor(private readonly store: TriggerStore) {}

  async load(): Promise<void> {
    this.triggers = await this.store.list();
  }

  match(event: Pick<NewEvent, 'event' | 'properties'>): string[] {
    return this.triggers.length === 0 ? [] : matchTriggers(this.triggers, event);
  }
}
