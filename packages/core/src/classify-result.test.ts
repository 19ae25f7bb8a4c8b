import { describe, expect, it } from 'vitest';
import { classifyResult } from './classify-result';
import { CollectorError } from './errors/collector-error';
import { NetworkError } from './errors/network-error';

describe('classifyResult', () => {
  const now = 0;
  it('reads a 200 answer, from JSON or from text', () => {
    const body = { accepted: 2, duplicates: 1, rejected: [{ index: 0, uuid: 'u', code: 'unknown_event', message: 'm', path: 'event' }] };
    expect(classifyResult({ status: 200, body }, now)).toEqual({ kind: 'answered', status: 200, response: body });
    expect(classifyResult({ status: 200, body: JSON.stringify(body) }, now)).toEqual({ kind: 'answered', status: 200, response: body });
  });

  it.each([429, 500, 503, 408])('retries %i, with the Retry-After wait', (status) => {
    const outcome = classifyResult({ status, retryAfter: '7', body: { error: { code: 'rate_limited', message: 'slow down' } } }, now);
    expect(outcome).toMatchObject({ kind: 'retry', waitMs: 7000 });
    expect(outcome.kind === 'retry' && outcome.error).toBeInstanceOf(CollectorError);
  });

  it('retries a network failure and a response that could not be read', () => {
    const failed = classifyResult({ failed: new TypeError('Failed to fetch') }, now);
    expect(failed).toMatchObject({ kind: "retry", status: 0 });
    expect(failed.kind === "retry" && failed.waitMs).toBeUndefined();
    expect(failed.kind === 'retry' && failed.error).toBeInstanceOf(NetworkError);
    expect(classifyResult({ status: 0 }, now)).toMatchObject({ kind: 'retry' });
  });

  it.each([400, 401, 403, 413, 415])('refuses on %i, with the collector error code', (status) => {
    const outcome = classifyResult({ status, body: '{"error":{"code":"invalid_key","message":"no such key"}}' }, now);
    expect(outcome).toMatchObject({ kind: 'refused', status, error: { code: 'invalid_key', status } });
  });

  it('names an error without a readable body by its status', () => {
    expect(classifyResult({ status: 413, body: 'not json' }, now)).toMatchObject({ kind: 'refused', error: { code: 'http_413' } });
  });
});
