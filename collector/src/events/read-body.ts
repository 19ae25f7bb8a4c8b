import { gunzipSync, inflateSync } from 'node:zlib';
import { limits } from '@eventline/protocol';
import { HttpError } from '../errors/http-error';

const tooLarge = () =>
  new HttpError(
    413,
    'payload_too_large',
    `body: over ${limits.maxBodyBytes} bytes (counted after decompression) — send the events in smaller requests`,
  );

const jsonTypes = new Set(['application/json', 'text/plain']);
const accepted = 'send the JSON body with Content-Type application/json or text/plain, optionally with Content-Encoding gzip or deflate';

/**
 * Reads a request body as UTF-8 text, at most `maxBytes` of it on the wire and after decompression.
 * A gzip bomb is cut off while inflating: zlib stops at maxOutputLength instead of filling memory.
 */
export async function readBody(request: Request, maxBytes: number = limits.maxBodyBytes): Promise<string> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!jsonTypes.has(type)) {
    const got = type === '' ? 'missing' : `${type.slice(0, 60)} is not accepted`;
    throw new HttpError(415, 'unsupported_media_type', `Content-Type: ${got} — ${accepted}`);
  }
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (!['identity', 'gzip', 'deflate'].includes(encoding)) {
    throw new HttpError(415, 'unsupported_media_type', `Content-Encoding: ${encoding.slice(0, 60)} is not accepted — ${accepted}, or none`);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let body = Buffer.concat(chunks);
  if (encoding !== 'identity') {
    try {
      body = encoding === 'gzip' ? gunzipSync(body, { maxOutputLength: maxBytes }) : inflateSync(body, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw new HttpError(400, 'invalid_json', `body: not valid ${encoding} data — compress the whole body with ${encoding}, or leave Content-Encoding out`);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new HttpError(400, 'invalid_json', 'body: not valid UTF-8 — send the JSON text encoded as UTF-8');
  }
}
