/**
 * The form identities are matched in: the same person typed twice must land on one customer.
 * Answers null when nothing usable is left.
 */
export function normalizeIdentity(type: string, value: string): string | null {
  let v = value.trim();
  if (type === 'email') v = v.toLowerCase();
  else if (type === 'mobile') v = v.replace(/\D/g, '');
  return v === '' ? null : v;
}
