import { describe, expect, it } from 'vitest';
import { findNul, visible } from './find-nul';

describe('findNul', () => {
  it('names the string or key holding a NUL character', () => {
    expect(findNul({ a: 'ok', properties: { cl_note: 'x\0y' } })).toBe('properties.cl_note');
    expect(findNul({ tags: ['a', 'b\0'] })).toBe('tags.1');
    expect(findNul({ properties: { 'k\0': 1 } })).toBe('properties.k\uFFFD');
    expect(findNul('\0')).toBe('');
  });

  it('finds none in clean values, including the six characters \\u0000 written out', () => {
    expect(findNul({ a: '\\u0000', b: [1, true, null, { c: 'd' }] })).toBeUndefined();
    expect(findNul(42)).toBeUndefined();
  });

  it('shows a NUL as U+FFFD', () => {
    expect(visible('a\0b')).toBe('a\uFFFDb');
  });
});

it('walks a value nested deeper than the call stack goes', () => {
  const depth = 100_000;
  expect(findNul(JSON.parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`))).toBe(Array(depth).fill('0').join('.'));
  expect(findNul(JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`))).toBeUndefined();
});
