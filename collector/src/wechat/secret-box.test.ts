import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('a-collector-secret-of-at-least-32-chars');

  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const sealed = box.seal('wechat-token-123');
    expect(sealed).not.toContain('wechat-token-123');
    expect(box.seal('wechat-token-123')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('wechat-token-123');
  });

  it('refuses text sealed with another secret or altered', () => {
    const sealed = box.seal('wechat-token-123');
    expect(() => new SecretBox('another-collector-secret-of-32-chars!').open(sealed)).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    parts[3] = `${parts[3]!.startsWith('A') ? 'B' : 'A'}${parts[3]!.slice(1)}`;
    expect(() => box.open(parts.join('.'))).toThrow(SecretBoxError);
    expect(() => box.open('plain token')).toThrow(SecretBoxError);
  });
});
