import { z } from 'zod';

/** How large a customer condition may be (EVENTLINE_MAX_CONDITION_CLAUSES, EVENTLINE_MAX_CONDITION_DEPTH). */
export interface ConditionLimits {
  /** Condition nodes in the whole tree, all/any/not included. */
  maxClauses: number;
  /** all/any/not nested in one another, the outermost node being level 1. */
  maxDepth: number;
}

const nesting = ['all', 'any', 'not'] as const;

/**
 * What is over the limits in a condition as sent (raw JSON), or undefined. It walks with its own
 * stack and stops at the first node past a limit: the schema that parses a condition recurses, and
 * a `not` nested 1,100 deep overflowed the call stack (a 500), while 2,500 clauses held ingest for
 * seconds. Only the nesting keys are followed: whatever else is wrong is the schema's to say.
 */
export function conditionLimitProblem(condition: unknown, limits: ConditionLimits): string | undefined {
  const stack: [node: unknown, depth: number][] = [[condition, 1]];
  let clauses = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    clauses++;
    if (clauses > limits.maxClauses) return `a condition has at most ${limits.maxClauses} clauses (EVENTLINE_MAX_CONDITION_CLAUSES)`;
    if (depth > limits.maxDepth) return `conditions nest at most ${limits.maxDepth} levels deep (EVENTLINE_MAX_CONDITION_DEPTH)`;
    for (const key of nesting) {
      if (!Object.hasOwn(node, key)) continue;
      const children = (node as Record<string, unknown>)[key];
      for (const child of Array.isArray(children) ? children : [children]) stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/** `schema`, run only on a condition within the limits: the check comes first, the schema's recursion after. */
export function withinConditionLimits<T extends z.ZodType>(schema: T, limits: ConditionLimits) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const problem = conditionLimitProblem(value, limits);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    })
    .pipe(schema);
}
