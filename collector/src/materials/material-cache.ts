import type { MaterialStore } from '../store/store';

/**
 * Each material's tags by id, for ingest to look up per event without a query. Loaded whole and
 * reloaded whole on every change (SharedCaches), here or in another collector on the same database.
 */
export class MaterialCache {
  private tags = new Map<string, readonly string[]>();

  constructor(private readonly store: MaterialStore) {}

  async load(): Promise<void> {
    this.tags = new Map((await this.store.list()).map((m) => [m.id, m.tags]));
  }

  tagsOf(id: string): readonly string[] | undefined {
    return this.tags.get(id);
  }
}
