/**
 * A property condition's value as typed in a form, in the JSON type the condition compares with: a number
 * or true/false when it reads as one (a value only matches a value of its own type), a list for `in`.
 */
export function typedPropertyValue(op: string, text: string): unknown {
  const one = (t: string) => (/^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t === 'true' ? true : t === 'false' ? false : t);
  if (op === 'in') return text.split(',').map((t) => one(t.trim())).filter((v) => v !== '');
  return op === 'contains' ? text : one(text);
}
