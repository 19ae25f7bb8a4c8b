import type { DefinitionStore } from '../store/store';
import { compileDefinition, type CompiledDefinition } from './compile-definition';

/**
 * The compiled definitions ingest checks events against. Loaded whole (definitions are hundreds, not
 * millions) and refreshed by id whenever a definition changes, so a change applies to the next event.
 */
export class DefinitionCache {
  private compiled = new Map<string, CompiledDefinition>();

  constructor(private readonly store: DefinitionStore) {}

  async load(): Promise<void> {
    const next = new Map<string, CompiledDefinition>();
    for (const d of await this.store.list()) next.set(d.id, compileDefinition(d));
    this.compiled = next;
  }

  async refresh(id: string): Promise<void> {
    const d = await this.store.get(id);
    if (d) this.compiled.set(id, compileDefinition(d));
    else this.compiled.delete(id);
  }

  get(id: string): CompiledDefinition | undefined {
    return this.compiled.get(id);
  }
}
