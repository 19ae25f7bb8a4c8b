import { describe, expect, it } from 'vitest';
import { utf8Length } from './utf8-length';

describe('utf8Length', () => {
  it.each(['', 'hello', 'é', '中文事件', '😀 emoji', '{"a":"ж😀中"}'])('counts %j like a UTF-8 encoder', (text) => {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});
