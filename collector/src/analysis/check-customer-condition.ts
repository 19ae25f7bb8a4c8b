import type { DefinitionCache } from '../definitions/definition-cache';
import { HttpError } from '../errors/http-error';
import type { ActivenessLevel } from '../customers/activeness-levels';
import type { DefinitionStore } from '../store/store';
import { ConditionError, resolveCondition, type CustomerCondition, type CustomerConditionInput } from './customer-condition';
import { requireKnownEvents } from './known-events';

const eventIds = (c: CustomerCondition): string[] =>
  c.kind === 'all' || c.kind === 'any' ? c.of.flatMap(eventIds) : c.kind === 'not' ? eventIds(c.of) : c.kind === 'did' ? [c.event] : [];

export interface ConditionCheckDeps {
  levels: readonly ActivenessLevel[];
  definitions: DefinitionCache;
  store: DefinitionStore;
}

/**
 * A parsed condition resolved at `now`, with what the schema cannot see refused as a 400: an unknown
 * activeness level, an event no definition has. The one check behind the customer filter and segments.
 */
export async function checkCustomerCondition(input: CustomerConditionInput, now: number, deps: ConditionCheckDeps): Promise<CustomerCondition> {
  let condition: CustomerCondition;
  try {
    condition = resolveCondition(input, now, deps.levels);
  } catch (error) {
    if (error instanceof ConditionError) throw new HttpError(400, 'invalid_request', `condition: ${error.message}`);
    throw error;
  }
  await requireKnownEvents(eventIds(condition), deps, 'condition');
  return condition;
}
