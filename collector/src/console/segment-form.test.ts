import { describe, expect, it } from 'vitest';
import { segmentCondition } from '../segments/segment-schemas';
import { blankRow, conditionFromForm, issuesByRow, readSegmentForm, type SegmentFormValues, type SegmentRow } from './segment-form';
import { formFromCondition } from './segment-form-from-condition';

const limits = { maxClauses: 50, maxDepth: 5 };
const row = (r: Partial<SegmentRow>): SegmentRow => ({ ...blankRow, ...r });

describe('the segment builder form', () => {
  it('reads repeated row fields in page order, a row per kind', () => {
    const fields: Record<string, string[]> = {
      name: [' Buyers '],
      combine: ['any'],
      'row.kind': ['did', 'stage'],
      'row.event': ['buy', ''],
      'row.count': ['2', '1'],
      'row.stage': ['', 'engaged'],
    };
    const values = readSegmentForm((n) => fields[n] ?? []);
    expect(values.name).toBe('Buyers');
    expect(values.combine).toBe('any');
    expect(values.rows.map((r) => [r.kind, r.event, r.count, r.stage])).toEqual([
      ['did', 'buy', '2', ''],
      ['stage', '', '1', 'engaged'],
    ]);
  });

  it('combines the list, the nested group as one item, and a negated row', () => {
    const values: SegmentFormValues = {
      name: 'x',
      combine: 'all',
      subCombine: 'any',
      rows: [
        row({ kind: 'did', event: 'buy', count: '2', within: '30d', property: 'amount', propertyOp: '>', propertyValue: '100' }),
        row({ kind: 'stage', stage: 'engaged', group: 'sub' }),
        row({ kind: 'tagged', tag: 'vip', negate: 'not' }),
        row({ kind: 'activeness', level: 'high', group: 'sub' }),
      ],
    };
    const { condition } = conditionFromForm(values);
    expect(condition).toEqual({
      all: [
        { did: { event: 'buy', where: [{ property: 'amount', op: '>', value: 100 }], atLeast: 2, within: '30d' } },
        { not: { tagged: { tag: 'vip' } } },
        { any: [{ stage: 'engaged' }, { activeness: { level: 'high' } }] },
      ],
    });
    expect(segmentCondition(limits).safeParse(condition).success).toBe(true);
    // Read back into the builder, the same rows come out (the group's rows after the list's).
    const back = formFromCondition('x', condition)!;
    expect(back.rows.map((r) => [r.kind, r.group, r.negate])).toEqual([
      ['did', 'main', ''],
      ['tagged', 'main', 'not'],
      ['stage', 'sub', ''],
      ['activeness', 'sub', ''],
    ]);
    expect(back.subCombine).toBe('any');
    expect(conditionFromForm(back).condition).toEqual(condition);
  });

  it('puts each mistake next to its row, in words', () => {
    const values: SegmentFormValues = {
      name: 'x',
      combine: 'all',
      subCombine: 'all',
      rows: [row({ kind: 'did', event: 'buy', within: '30 days' }), row({ kind: 'stage', stage: 'engaged' }), row({ kind: 'tagged', tag: 'vip', negate: 'not', group: 'sub', count: '-1' })],
    };
    const { condition, paths } = conditionFromForm(values);
    const parsed = segmentCondition(limits).safeParse(condition);
    expect(parsed.success).toBe(false);
    const { rows, form } = issuesByRow(parsed.error!.issues, paths);
    expect(form).toEqual([]);
    expect(rows.get(0)).toEqual(['the window: a duration such as 15m, 24h or 30d']);
    expect(rows.has(1)).toBe(false);
    expect(rows.get(2)?.[0]).toMatch(/^the count: /);
  });

  it('leaves to the API what the builder cannot show', () => {
    expect(formFromCondition('x', { all: [{ did: { event: 'buy', between: { from: 0, to: 1 } } }] })).toBeUndefined();
    expect(formFromCondition('x', { all: [{ any: [{ all: [{ stage: 'a' }] }] }] })).toBeUndefined();
    expect(formFromCondition('x', { stage: 'engaged' })?.rows).toEqual([row({ kind: 'stage', stage: 'engaged' })]);
  });
});
