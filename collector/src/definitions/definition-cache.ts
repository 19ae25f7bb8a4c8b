import type { DefinitionStore } from '../store/store';
import { compileDefinition, type CompiledDefinition } from '../recorder/compile-definition';

/**
 * The compiled definitions ingest checks events against. Loaded whole (definitions are hundreds, not
 * millions) and reloaded whole whenever a definition changes (SharedCaches), so a change applies to the next event.
 */
export class DefinitionCache {
  private compiled = new Map<string, CompiledDefinition>();

  constructor(private readonly store: DefinitionStore) {}

  async load(): Promise<void> {
    const next = new Map<string, CompiledDefinition>();
    for (const d of await this.store.list()) next.set(d.id, compileDefinition(d));
    this.compiled = next;
  }

  get(id: string): CompiledDefinition | undefined {
    return this.compiled.get(id);
  }
}
