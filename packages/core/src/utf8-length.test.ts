import { describe, expect, it } from 'vitest';
import { utf8Length } from './utf8-length';

describe('utf8Length', () => {
  it.each(['', 'hello', 'é', '中文事件', '😀 emoji', '{"a":"ж😀中"}', '100%25 %'])('counts %j like a UTF-8 encoder', (text) => {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it('does not throw on a lone surrogate, and counts it as the replacement character it becomes', () => {
    expect(utf8Length('a\ud800b')).toBe(Buffer.byteLength('a\ud800b', 'utf8'));
    expect(utf8Length('\udc00😀')).toBe(Buffer.byteLength('\udc00😀', 'utf8'));
  });
});
