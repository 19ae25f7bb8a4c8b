import { customIdPattern, type DefinitionChanges, type EventDefinition, type PropertyDefinition } from '@eventline/protocol';
import type { DefinitionChangeSet } from '../store/store';

/** A change that breaks a rule, by the field it concerns (`properties.2.type`). */
export interface ChangeProblem {
  path: string;
  message: string;
}

const outboundScore = 'an outbound event has no score: only inbound events are scored';

/** A problem when `stage` is not one of the configured lifecycle stages. */
export function stageProblem(stage: string | null | undefined, stages: readonly string[]): ChangeProblem | undefined {
  if (stage == null || stages.includes(stage)) return undefined;
  return { path: 'stage', message: `"${stage}" is not a lifecycle stage; the stages are ${stages.join(', ')}` };
}

/** The score an event of `type` is saved with: outbound events have none, inbound ones 0 unless told. */
export function scoreFor(type: EventDefinition['type'], score: number | null | undefined): number | null {
  return type === 'inbound' ? (score ?? 0) : null;
}

/**
 * What a change does to a saved definition, or why it may not. The id and the type never change
 * (recorded events keep theirs); a saved property keeps its id and type but may be renamed, and new
 * ones may be added; a system event's name and properties are fixed, only its score, stage and group move.
 */
export function applyDefinitionChanges(
  saved: EventDefinition,
  changes: DefinitionChanges,
  stages: readonly string[],
): { changes: DefinitionChangeSet; problems: ChangeProblem[] } {
  const problems: ChangeProblem[] = [];
  const out: DefinitionChangeSet = {};

  if (changes.id !== undefined && changes.id !== saved.id) {
    problems.push({ path: 'id', message: `an event's id never changes once saved (this one is "${saved.id}")` });
  }
  if (changes.type !== undefined && changes.type !== saved.type) {
    problems.push({ path: 'type', message: `an event's type never changes once saved (this one is ${saved.type}): its recorded events keep theirs` });
  }
  if (changes.name !== undefined && changes.name !== saved.name) {
    if (saved.system) problems.push({ path: 'name', message: `"${saved.id}" is a system event: its name is fixed` });
    else out.name = changes.name;
  }
  if (changes.score !== undefined) {
    if (saved.type === 'outbound' && changes.score !== null) problems.push({ path: 'score', message: outboundScore });
    else out.score = scoreFor(saved.type, changes.score);
  }
  if (changes.stage !== undefined) {
    const problem = stageProblem(changes.stage, stages);
    if (problem) problems.push(problem);
    else out.stage = changes.stage;
  }
  if (changes.group !== undefined) out.group = changes.group;
  if (changes.properties !== undefined) {
    const properties = changes.properties.map((p) => ({ id: p.id, name: p.name, type: p.type, required: p.required ?? false }));
    const found = propertyProblems(saved, properties);
    problems.push(...found);
    if (found.length === 0 && !sameProperties(saved.properties, properties)) out.properties = properties;
  }
  return { changes: out, problems };
}

function propertyProblems(saved: EventDefinition, next: PropertyDefinition[]): ChangeProblem[] {
  if (saved.system) {
    return sameProperties(saved.properties, next) ? [] : [{ path: 'properties', message: `"${saved.id}" is a system event: its properties are fixed` }];
  }
  const problems: ChangeProblem[] = [];
  const before = new Map(saved.properties.map((p) => [p.id, p]));
  const seen = new Set<string>();
  next.forEach((p, i) => {
    const old = before.get(p.id);
    if (seen.has(p.id)) problems.push({ path: `properties.${i}.id`, message: `the property "${p.id}" is listed twice` });
    seen.add(p.id);
    if (old && old.type !== p.type) {
      problems.push({ path: `properties.${i}.type`, message: `the property "${p.id}" is saved as ${old.type}: a property's type never changes` });
    }
    if (!old && !customIdPattern.test(p.id)) {
      problems.push({ path: `properties.${i}.id`, message: 'a custom property id starts with cl_ and has only a-z, 0-9 and _' });
    }
  });
  const missing = saved.properties.filter((p) => !seen.has(p.id)).map((p) => p.id);
  if (missing.length > 0) {
    problems.push({ path: 'properties', message: `saved properties cannot be removed (recorded events carry them): ${missing.join(', ')} must stay` });
  }
  return problems;
}

const propertyKey = (p: PropertyDefinition) => `${p.id}\u0000${p.name}\u0000${p.type}\u0000${p.required ? 1 : 0}`;
const sameProperties = (a: PropertyDefinition[], b: PropertyDefinition[]) => a.map(propertyKey).join('\u0001') === b.map(propertyKey).join('\u0001');
