import { blankRow, type SegmentFormValues, type SegmentRow } from './segment-form';

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1;
const kindOf = (n: Node) => Object.keys(n)[0]!;
const text = (v: unknown) => (v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));

/** A did/didNot/tagged body's count and window, when the builder can show them (one bound, `within` only). */
function countsAndWindow(body: Node): Partial<SegmentRow> | undefined {
  if (body.between !== undefined || (body.atLeast !== undefined && body.atMost !== undefined)) return undefined;
  const countOp = body.atMost !== undefined ? 'atMost' : 'atLeast';
  return { countOp, count: text(body[countOp] ?? 1), within: text(body.within) };
}

function rowOf(node: unknown, group: SegmentRow['group']): SegmentRow | undefined {
  if (!isNode(node)) return undefined;
  let kind = kindOf(node);
  const negate = kind === 'not' ? 'not' : '';
  if (negate) {
    if (!isNode(node.not)) return undefined;
    node = node.not;
    kind = kindOf(node as Node);
  }
  const body = (node as Node)[kind];
  const base = { ...blankRow, negate, group } as SegmentRow;
  if ((kind === 'did' || kind === 'didNot') && typeof body === 'object' && body !== null) {
    const b = body as Node;
    const where = (b.where ?? []) as Node[];
    const counts = countsAndWindow(b);
    if (!counts || !Array.isArray(where) || where.length > 1) return undefined;
    const w = where[0];
    return { ...base, ...counts, kind, event: text(b.event), property: text(w?.property), propertyOp: w ? text(w.op) : '=', propertyValue: text(w?.value) };
  }
  if (kind === 'tagged' && typeof body === 'object' && body !== null) {
    const counts = countsAndWindow(body as Node);
    return counts && { ...base, ...counts, kind, tag: text((body as Node).tag) };
  }
  if (kind === 'activeness' && typeof body === 'object' && body !== null) {
    const b = body as Node;
    return { ...base, kind, level: text(b.level), min: text(b.min), max: text(b.max) };
  }
  if (kind === 'stage' && (typeof body === 'string' || (Array.isArray(body) && body.length === 1))) return { ...base, kind, stage: text(body) };
  return undefined;
}

/**
 * A saved condition as the builder's rows, or undefined when the builder cannot show it (written through
 * the API with deeper nesting, a `between` window, two counts or several property conditions on one event).
 */
export function formFromCondition(name: string, condition: unknown): SegmentFormValues | undefined {
  if (!isNode(condition)) return undefined;
  const combine = kindOf(condition);
  const items = condition[combine];
  if ((combine !== 'all' && combine !== 'any') || !Array.isArray(items)) {
    const row = rowOf(condition, 'main');
    return row && { name, combine: 'all', subCombine: 'any', rows: [row] };
  }
  const rows: SegmentRow[] = [];
  let subCombine: 'all' | 'any' = 'any';
  let groups = 0;
  for (const item of items) {
    const kind = isNode(item) ? kindOf(item) : '';
    if (kind === 'all' || kind === 'any') {
      const inner = (item as Node)[kind];
      if (++groups > 1 || !Array.isArray(inner)) return undefined;
      subCombine = kind;
      for (const child of inner) {
        const row = rowOf(child, 'sub');
        if (!row) return undefined;
        rows.push(row);
      }
      continue;
    }
    const row = rowOf(item, 'main');
    if (!row) return undefined;
    rows.push(row);
  }
  return { name, combine, subCombine, rows };
}
