import type { DefinitionCache } from '../definitions/definition-cache';
import type { DefinitionStore } from '../store/store';

const maxAgeMs = 5_000;
const minReloadMs = 1_000;

/**
 * Segment's `event` is a name ("Order Completed"); ours is a definition id. A value is taken as an id
 * when a definition has it, else as the exact name of one. Names are read from the store at most every
 * few seconds (sooner on a miss, so a definition just created is found); a name two definitions share
 * names neither and stays as sent, so the event is rejected as unknown instead of landing on a guess.
 */
export class SegmentEventNames {
  private byName = new Map<string, string | null>();
  private loadedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: Pick<DefinitionStore, 'list'>,
    private readonly definitions: Pick<DefinitionCache, 'get'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The definition id of each value, by value; values that name nothing map to themselves. */
  async resolve(values: Iterable<string>): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const names = [...new Set(values)].filter((v) => {
      if (this.definitions.get(v) === undefined) return true;
      ids.set(v, v);
      return false;
    });
    if (names.length === 0) return ids;
    const age = this.now() - this.loadedAt;
    if (age > maxAgeMs || (age > minReloadMs && names.some((n) => !this.byName.has(n)))) await this.reload();
    for (const name of names) ids.set(name, this.byName.get(name) ?? name);
    return ids;
  }

  private async reload(): Promise<void> {
    const byName = new Map<string, string | null>();
    for (const d of await this.store.list()) byName.set(d.name, byName.has(d.name) ? null : d.id);
    this.byName = byName;
    this.loadedAt = this.now();
  }
}
