import type { z } from 'zod';
import { typedPropertyValue } from './typed-property-value';

/** The kinds of row the builder offers; '' is a row left blank (ignored). */
export const rowKinds = ['did', 'didNot', 'tagged', 'activeness', 'stage'] as const;
export type RowKind = (typeof rowKinds)[number];

/** One row of the builder as typed: every row sends every field, so repeated names stay aligned. */
export interface SegmentRow {
  kind: RowKind | '';
  /** 'not' negates the row. */
  negate: '' | 'not';
  /** 'main': in the page's list; 'sub': in the one nested group, which is itself one item of the list. */
  group: 'main' | 'sub';
  event: string;
  countOp: 'atLeast' | 'atMost';
  count: string;
  /** A duration such as 30d; empty: all time. */
  within: string;
  property: string;
  propertyOp: string;
  propertyValue: string;
  tag: string;
  level: string;
  min: string;
  max: string;
  stage: string;
}

export interface SegmentFormValues {
  name: string;
  combine: 'all' | 'any';
  subCombine: 'all' | 'any';
  rows: SegmentRow[];
}

export const blankRow: SegmentRow = {
  kind: '',
  negate: '',
  group: 'main',
  event: '',
  countOp: 'atLeast',
  count: '1',
  within: '',
  property: '',
  propertyOp: '=',
  propertyValue: '',
  tag: '',
  level: '',
  min: '',
  max: '',
  stage: '',
};

export const blankSegmentForm: SegmentFormValues = { name: '', combine: 'all', subCombine: 'any', rows: [] };

const rowFields = Object.keys(blankRow) as (keyof SegmentRow)[];
const pick = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

/**
 * The builder's fields as a form (or the live count's query) sends them: `all(name)` gives a field's
 * values in document order. Row fields are named `row.<field>`.
 */
export function readSegmentForm(all: (name: string) => string[]): SegmentFormValues {
  const one = (name: string) => (all(name)[0] ?? '').trim();
  const columns = Object.fromEntries(rowFields.map((f) => [f, all(`row.${f}`)])) as Record<keyof SegmentRow, string[]>;
  const rows: SegmentRow[] = columns.kind.map((_, i) => {
    const at = (f: keyof SegmentRow) => (columns[f][i] ?? '').trim();
    return {
      ...(Object.fromEntries(rowFields.map((f) => [f, at(f)])) as unknown as SegmentRow),
      kind: pick(at('kind'), rowKinds, '' as RowKind),
      negate: at('negate') === 'not' ? 'not' : '',
      group: at('group') === 'sub' ? 'sub' : 'main',
      countOp: at('countOp') === 'atMost' ? 'atMost' : 'atLeast',
    };
  });
  return { name: one('name'), combine: pick(one('combine'), ['all', 'any'], 'all'), subCombine: pick(one('subCombine'), ['all', 'any'], 'any'), rows };
}

const countValue = (text: string) => (/^\d+$/.test(text) ? Number(text) : text === '' ? undefined : text);

/** One row as a condition node, before any check: the schema says what is wrong with it. */
function rowCondition(row: SegmentRow): unknown {
  const window = row.within === '' ? {} : { within: row.within };
  const count = countValue(row.count);
  // "At least once" is what a condition means without a count: left out, the saved condition reads simpler.
  const counts = count === undefined || (row.countOp === 'atLeast' && count === 1) ? {} : { [row.countOp]: count };
  switch (row.kind) {
    case 'did':
    case 'didNot': {
      const where = row.property === '' ? {} : { where: [{ property: row.property, op: row.propertyOp, value: typedPropertyValue(row.propertyOp, row.propertyValue) }] };
      return { [row.kind]: { event: row.event, ...where, ...counts, ...window } };
    }
    case 'tagged':
      return { tagged: { tag: row.tag, ...counts, ...window } };
    case 'activeness': {
      const bound = (t: string) => (t === '' ? undefined : /^-?\d+$/.test(t) ? Number(t) : t);
      const min = bound(row.min);
      const max = bound(row.max);
      return { activeness: { ...(row.level !== '' && { level: row.level }), ...(min !== undefined && { min }), ...(max !== undefined && { max }) } };
    }
    default:
      return { stage: row.stage };
  }
}

/** Where in the condition tree each row went, to bring an issue at a path back to its row. */
export interface RowPath {
  row: number;
  path: (string | number)[];
}

/**
 * The condition the builder describes: the rows of the main list combined with `combine`, the nested
 * group's rows (if any) as one more item combined with `subCombine`, each row wrapped in `not` when negated.
 */
export function conditionFromForm(values: SegmentFormValues): { condition: unknown; paths: RowPath[] } {
  const main: unknown[] = [];
  const sub: unknown[] = [];
  const mainPaths: RowPath[] = [];
  const subPaths: RowPath[] = [];
  values.rows.forEach((row, i) => {
    if (row.kind === '') return;
    const negated = row.negate === 'not';
    const node = negated ? { not: rowCondition(row) } : rowCondition(row);
    const [list, listPaths] = row.group === 'sub' ? [sub, subPaths] : [main, mainPaths];
    listPaths.push({ row: i, path: [list.length, ...(negated ? ['not'] : [])] });
    list.push(node);
  });
  const paths = mainPaths.map((p) => ({ row: p.row, path: [values.combine, ...p.path] }));
  if (sub.length > 0) {
    for (const p of subPaths) paths.push({ row: p.row, path: [values.combine, main.length, values.subCombine, ...p.path] });
    main.push({ [values.subCombine]: sub });
  }
  return { condition: { [values.combine]: main }, paths };
}

/** Each zod issue next to the row it came from (by row index), or in `form` when it is about the whole. */
export function issuesByRow(issues: readonly z.core.$ZodIssue[], paths: readonly RowPath[]): { rows: Map<number, string[]>; form: string[] } {
  const rows = new Map<number, string[]>();
  const form: string[] = [];
  for (const issue of issues) {
    const owner = paths
      .filter((p) => p.path.every((step, k) => issue.path[k] === step))
      .sort((a, b) => b.path.length - a.path.length)[0];
    const text = readableIssue(issue);
    if (!owner) form.push(text);
    else rows.set(owner.row, [...(rows.get(owner.row) ?? []), text]);
  }
  return { rows, form };
}

/** The field names a user sees, in place of the condition language's. */
const fieldWords: Record<string, string> = {
  atLeast: 'the count',
  atMost: 'the count',
  within: 'the window',
  event: 'the event',
  tag: 'the tag',
  where: 'the property condition',
  property: 'the property',
  value: 'the value',
  min: 'the minimum',
  max: 'the maximum',
  stage: 'the stage',
};

function readableIssue(issue: z.core.$ZodIssue): string {
  const field = [...issue.path].reverse().find((p): p is string => typeof p === 'string' && Object.hasOwn(fieldWords, p));
  const message = issue.code === 'invalid_type' ? 'is missing or not a number' : issue.message;
  return field ? `${fieldWords[field]}: ${message}` : message;
}
