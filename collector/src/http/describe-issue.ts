import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const timeFields = new Set(['time', 'from', 'to', 'since', 'until', 'sentAt', 'at']);
const aType = (t: string) => (t === 'array' ? 'a list' : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`);
const plural = (n: unknown, noun: string) => `${String(n)} ${noun}${n === 1 || n === 1n ? '' : 's'}`;

/** Whether the value at the issue's path was not sent at all (zod 4 says "received undefined"). */
function isMissing(issue: Issue): boolean {
  if (issue.code === 'invalid_type') return /received undefined/.test(issue.message);
  if (issue.code === 'invalid_union') return issue.errors.some((branch) => branch.some((i) => i.path.length === 0 && i.code === 'invalid_type' && /received undefined/.test(i.message)));
  return false;
}

function expectation(issue: Issue, field: string): string {
  if (timeFields.has(field)) return 'an ISO 8601 time or epoch milliseconds';
  switch (issue.code) {
    case 'invalid_type':
      return aType(issue.expected);
    case 'too_small': {
      const n = issue.minimum;
      if (issue.origin === 'string') return `at least ${plural(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `at least ${plural(n, 'item')}`;
      return issue.inclusive === false ? `more than ${String(n)}` : `at least ${String(n)}`;
    }
    case 'too_big': {
      const n = issue.maximum;
      if (issue.origin === 'string') return `at most ${plural(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `at most ${plural(n, 'item')}`;
      return issue.inclusive === false ? `less than ${String(n)}` : `at most ${String(n)}`;
    }
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? `text matching ${String(issue.pattern)}` : `a valid ${issue.format}`;
    case 'invalid_union': {
      // A discriminated union names its choices; a plain one, the types its branches take.
      if ('options' in issue && Array.isArray(issue.options)) return `one of ${issue.options.map((v) => JSON.stringify(v)).join(', ')}`;
      const types = issue.errors.flatMap((branch) => branch.filter((i) => i.path.length === 0 && i.code === 'invalid_type').map((i) => (i as { expected: string }).expected));
      return types.length === issue.errors.length && types.length > 0 ? types.map(aType).join(' or ') : '';
    }
    case 'unrecognized_keys':
      return `no ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return '';
  }
}

/**
 * In a union whose value took one branch's shape (an object where a string or an object may go) but
 * failed inside it, that branch's issue, at its full path: "steps.1.where.0.op", not "steps.1: Invalid input".
 */
function innerIssue(issue: Issue): Issue | undefined {
  if (issue.code !== 'invalid_union' || isMissing(issue)) return undefined;
  const taken = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
  const first = taken?.[0];
  return first && { ...first, path: [...issue.path, ...first.path] };
}

/**
 * A validation issue in the user's words: the field as they wrote it, what was expected, and what to
 * do — `from: missing — send an ISO 8601 time or epoch milliseconds` rather than zod's "Invalid input".
 * A message a schema wrote itself (a refine, a custom check) is kept: it already says what is wrong.
 */
export function describeIssue(issue: Issue, name: (path: readonly PropertyKey[]) => string = (p) => p.map(String).join('.')): string {
  const inner = innerIssue(issue);
  if (inner) return describeIssue(inner, name);
  const where = name(issue.path) || 'body';
  const field = String(issue.path.at(-1) ?? '');
  const expected = expectation(issue, field);
  if (isMissing(issue)) return `${where}: missing — send ${expected || 'a value'}`;
  if (issue.code === 'unrecognized_keys') return `${where}: unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')} — leave ${issue.keys.length === 1 ? 'it' : 'them'} out`;
  // An empty text where one is required is what a person calls missing, whatever the rule's minimum.
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return `${where}: missing — write at least 1 character`;
  const generic = /^Invalid|^Too (small|big)|^Expected|^Unrecognized/.test(issue.message);
  if (!generic || !expected) return `${where}: ${issue.message}`;
  return `${where}: expected ${expected} — change it and send again`;
}
