import { createDecipheriv } from 'node:crypto';
import { HttpError } from '../errors/http-error';

/**
 * Safe-mode decryption as WeChat documents it: AES-256-CBC, key = base64(EncodingAESKey + "="), IV =
 * its first 16 bytes, PKCS#7 padding to 32-byte blocks; the plaintext is 16 random bytes, the XML's
 * length (4 bytes, big-endian), the XML, then the AppID of the account it was sent to.
 */
export function decryptWechatMessage(encrypted: string, encodingAesKey: string): { xml: string; appId: string } {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    // Node's own unpadding expects 16-byte blocks; WeChat pads to 32.
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  } catch {
    throw new HttpError(400, 'invalid_request', 'the Encrypt element is not AES-256-CBC ciphertext of whole blocks');
  }
  const pad = plain.at(-1) ?? 0;
  if (pad < 1 || pad > 32 || pad > plain.length) throw new HttpError(400, 'invalid_request', 'the decrypted message has bad padding');
  const content = plain.subarray(16, plain.length - pad);
  const length = content.length >= 4 ? content.readUInt32BE(0) : -1;
  if (length < 0 || 4 + length > content.length) throw new HttpError(400, 'invalid_request', 'the decrypted message is shorter than its length says');
  return { xml: content.subarray(4, 4 + length).toString('utf8'), appId: content.subarray(4 + length).toString('utf8') };
}
