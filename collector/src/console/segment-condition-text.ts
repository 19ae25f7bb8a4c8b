type Node = Record<string, unknown>;

const times = (b: Node) => {
  const parts = [b.atLeast !== undefined && (b.atLeast !== 1 || b.atMost !== undefined) && `at least ${b.atLeast}×`, b.atMost !== undefined && `at most ${b.atMost}×`].filter(Boolean);
  return parts.length ? ` ${parts.join(' and ')}` : '';
};
const window = (b: Node) => {
  if (typeof b.within === 'string') return ` in the last ${b.within}`;
  const between = b.between as { from?: unknown; to?: unknown } | undefined;
  return between ? ` between ${String(between.from)} and ${String(between.to)}` : '';
};
const where = (b: Node) => {
  const list = Array.isArray(b.where) ? (b.where as Node[]) : [];
  return list.length ? ` where ${list.map((w) => `${String(w.property)} ${String(w.op)} ${JSON.stringify(w.value)}`).join(' and ')}` : '';
};

/**
 * A saved condition (as written, windows such as 30d unresolved) in words, for the segment list and page:
 * "did Buy at least 2× in the last 30d and stage is engaged". `eventName` turns an event id into its name.
 */
export function conditionText(condition: unknown, eventName: (id: string) => string): string {
  const say = (node: unknown, nested: boolean): string => {
    if (typeof node !== 'object' || node === null) return '?';
    const [kind = '', body] = Object.entries(node as Node)[0] ?? [];
    const b = (typeof body === 'object' && body !== null ? body : {}) as Node;
    switch (kind) {
      case 'all':
      case 'any': {
        const items = (Array.isArray(body) ? body : []).map((n) => say(n, true));
        const joined = items.join(kind === 'all' ? ' and ' : ' or ');
        return nested && items.length > 1 ? `(${joined})` : joined;
      }
      case 'not':
        return `not ${say(body, true)}`;
      case 'did':
      case 'didNot':
        return `${kind === 'did' ? 'did' : 'did not do'} ${eventName(String(b.event))}${where(b)}${times(b)}${window(b)}`;
      case 'tagged':
        return `tagged ${String(b.tag)}${times(b)}${window(b)}`;
      case 'activeness':
        if (b.level !== undefined) return `activeness ${String(b.level)}`;
        return `activeness ${b.min !== undefined ? `≥ ${b.min}` : ''}${b.min !== undefined && b.max !== undefined ? ' and ' : ''}${b.max !== undefined ? `≤ ${b.max}` : ''}`.trim();
      case 'stage':
        return `stage is ${[body].flat().join(' or ')}`;
      default:
        return '?';
    }
  };
  return say(condition, false);
}
