import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const timeFields = new Set(['time', 'from', 'to', 'since', 'until', 'sentAt', 'at']);
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
      return issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
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
    case 'unrecognized_keys':
      return `no ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return '';
  }
}

/**
 * A validation issue in the user's words: the field as they wrote it, what was expected, and what to
 * do — `from: missing — send an ISO 8601 time or epoch milliseconds` rather than zod's "Invalid input".
 * A message a schema wrote itself (a refine, a custom check) is kept: it already says what is wrong.
 */
export function describeIssue(issue: Issue, name: (path: readonly PropertyKey[]) => string = (p) => p.map(String).join('.')): string {
  const where = name(issue.path) || 'body';
  const field = String(issue.path.at(-1) ?? '');
  const expected = expectation(issue, field);
  if (isMissing(issue)) return `${where}: missing — send ${expected || 'a value'}`;
  if (issue.code === 'unrecognized_keys') return `${where}: unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')} — leave ${issue.keys.length === 1 ? 'it' : 'them'} out`;
  const generic = /^Invalid|^Too (small|big)|^Expected|^Unrecognized/.test(issue.message);
  if (!generic || !expected) return `${where}: ${issue.message}`;
  return `${where}: expected ${expected} — change it and send again`;
}
