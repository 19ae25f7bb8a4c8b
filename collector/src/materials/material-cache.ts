import type { MaterialStore } from '../store/store';

/**
 * Each material's tags by id, for ingest to look up per event without a query. Loaded whole and
 * reloaded by id on every change made through this collector.
 */
export class MaterialCache {
  private tags = new Map<string, readonly string[]>();

  constructor(private readonly store: MaterialStore) {}

  async load(): Promise<void> {
    this.tags = new Map((await this.store.list()).map((m) => [m.id, m.tags]));
  }

  async refresh(id: string): Promise<void> {
    const material = await this.store.get(id);
    if (material) this.tags.set(id, material.tags);
    else this.tags.delete(id);
  }

  tagsOf(id: string): readonly string[] | undefined {
    return this.tags.get(id);
  }
}
