import { presetProperties } from '@eventline/protocol';
import type { DefinitionCache } from '../definitions/definition-cache';
import { HttpError } from '../errors/http-error';
import type { FunnelStepQuery } from '../store/analysis-store';
import type { DefinitionStore } from '../store/store';

/**
 * A 400 naming the first step condition on a property its event cannot carry (neither preset nor in
 * the event's definition, live or deleted): such a step would quietly match nobody. The events are
 * known by then (requireKnownEvents). The request's own `where` is not checked this way: it applies to
 * every step's event, and a property of one of them is enough for it to mean something.
 */
export async function requireKnownStepProperties(steps: readonly FunnelStepQuery[], deps: { definitions: DefinitionCache; store: DefinitionStore }): Promise<void> {
  for (const [k, step] of steps.entries()) {
    if (step.where.length === 0) continue;
    const definition = deps.definitions.get(step.event)?.definition ?? (await deps.store.getDeleted(step.event));
    const own = definition?.properties.map((p) => p.id) ?? [];
    const known = new Set([...Object.keys(presetProperties), ...own]);
    for (const [i, condition] of step.where.entries()) {
      if (known.has(condition.property)) continue;
      const choices = own.length > 0 ? `one of its properties (${own.join(', ')}) or a preset property such as channel` : 'a preset property such as channel: it defines none of its own';
      throw new HttpError(400, 'invalid_request', `steps.${k}.where.${i}.property: ${step.event} has no property "${condition.property}" — use ${choices}`);
    }
  }
}
