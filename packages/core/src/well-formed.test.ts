import { expect, it } from 'vitest';
import { wellFormed } from './well-formed';

it('replaces lone surrogates with U+FFFD in strings and keys, at any depth, and keeps pairs', () => {
  const lone = 'a\uD800b\uDC00c';
  expect(wellFormed(lone)).toBe('a\uFFFDb\uFFFDc');
  expect(wellFormed('😀 \uDBFF')).toBe('😀 \uFFFD');
  const value = { [`k${lone}`]: [lone, 1, null, true, { deep: '\uDFFF' }], ok: 'plain' };
  const fixed = wellFormed(value);
  expect(fixed).toEqual({ 'ka\uFFFDb\uFFFDc': ['a\uFFFDb\uFFFDc', 1, null, true, { deep: '\uFFFD' }], ok: 'plain' });
  // What a strict JSON parser would refuse: an escaped surrogate in the JSON text.
  expect(JSON.stringify(fixed)).not.toMatch(/\\ud[89a-f]/i);
  expect(JSON.stringify(value)).toMatch(/\\ud[89a-f]/i);
});
