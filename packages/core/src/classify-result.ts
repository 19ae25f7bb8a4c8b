import type { IngestResponse } from '@eventline/protocol';
import { CollectorError } from './errors/collector-error';
import { NetworkError } from './errors/network-error';
import { parseRetryAfter } from './parse-retry-after';
import type { SendResult } from './platform';

/** What to do after a request, from what came back (or the error it failed with). */
export type Outcome =
  | { kind: 'answered'; status: number; response: IngestResponse }
  /** Network error, 408, 429, 5xx: try again later, not before `waitMs` when the server said so. */
  | { kind: 'retry'; status: number; error: CollectorError | NetworkError; waitMs?: number | undefined }
  /** Any other 4xx (bad key, origin, 413, media type): keep the events, stop until configured again. */
  | { kind: 'refused'; status: number; error: CollectorError };

export function classifyResult(result: SendResult | { failed: unknown }, now: number): Outcome {
  if ('failed' in result || !result.status) {
    const cause = (result as { failed?: unknown }).failed;
    return { kind: 'retry', status: 0, error: new NetworkError(cause ? String(cause) : 'no answer', { cause }) };
  }
  const { status } = result;
  let body = result.body as (IngestResponse & { error?: { code: string; message: string } }) | undefined;
  try {
    if (typeof body === 'string') body = JSON.parse(body);
  } catch {
    body = undefined;
  }
  if (status < 300) {
    // A 2xx means the batch is committed; only `rejected` changes what happens next.
    return { kind: 'answered', status, response: { accepted: body?.accepted ?? 0, duplicates: body?.duplicates ?? 0, rejected: body?.rejected ?? [] } };
  }
  const error = new CollectorError(status, body?.error?.code ?? `http_${status}`, body?.error?.message ?? `HTTP ${status}`);
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', status, error, waitMs: parseRetryAfter(result.retryAfter, now) };
  return { kind: 'refused', status, error };
}
