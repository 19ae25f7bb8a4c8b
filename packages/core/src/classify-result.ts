import type { IngestResponse } from '@eventline/protocol';
import { CollectorError } from './errors/collector-error';
import { NetworkError } from './errors/network-error';
import { parseRetryAfter } from './parse-retry-after';
import type { SendResult } from './platform';

/** What to do after a request, from what came back (or the error it failed with). */
export type Outcome =
  | { kind: 'answered'; status: number; response: IngestResponse }
  /** Network error, 408, 429, 5xx: try again later, not before `waitMs` when the server said so. */
  | { kind: 'retry'; status: number; error: CollectorError | NetworkError; waitMs: number | undefined }
  /** 413: the batch is too big for this collector; smaller ones may pass. */
  | { kind: 'too_large'; status: number; error: CollectorError }
  /** Any other 4xx (bad key, origin, media type): keep the events, stop until configured again. */
  | { kind: 'refused'; status: number; error: CollectorError };

const parse = (body: unknown): unknown => {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

export function classifyResult(result: SendResult | { failed: unknown }, now: number): Outcome {
  if ('failed' in result) {
    const cause = result.failed;
    return { kind: 'retry', status: 0, error: new NetworkError(`request failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause }), waitMs: undefined };
  }
  const { status } = result;
  if (status === 0) return { kind: 'retry', status, error: new NetworkError('no answer seen (beacon or opaque response)'), waitMs: undefined };
  const body = parse(result.body) as Partial<IngestResponse> & { error?: { code?: unknown; message?: unknown } } | undefined;
  if (status >= 200 && status < 300) {
    return {
      kind: 'answered',
      status,
      response: {
        accepted: typeof body?.accepted === 'number' ? body.accepted : 0,
        duplicates: typeof body?.duplicates === 'number' ? body.duplicates : 0,
        rejected: Array.isArray(body?.rejected) ? body.rejected : [],
      },
    };
  }
  const code = typeof body?.error?.code === 'string' ? body.error.code : `http_${status}`;
  const message = typeof body?.error?.message === 'string' ? body.error.message : `the collector answered ${status}`;
  const error = new CollectorError(status, code, message);
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', status, error, waitMs: parseRetryAfter(result.retryAfter, now) };
  if (status === 413) return { kind: 'too_large', status, error };
  return { kind: 'refused', status, error };
}
