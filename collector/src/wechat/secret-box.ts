import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Thrown when sealed text was not sealed with this secret (EVENTLINE_SECRET changed) or was altered. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

const version = 'v1';

/**
 * Seals short secrets (WeChat tokens and EncodingAESKeys) for storage: AES-256-GCM under a key
 * derived from the collector secret, so a copy of the database alone does not reveal them.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'eventline', 'eventline secret box v1', 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [version, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== version || iv === undefined || tag === undefined || body === undefined) throw new SecretBoxError('not sealed text');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('sealed with another secret, or altered');
    }
  }
}
