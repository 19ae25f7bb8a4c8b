import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

/** The value of one sample line of the exposition text (`name{labels} value`), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts events by outcome and rejection code, batches by source, request latency by route, and the quarantine', async () => {
    const event = makeEvent();
    await collector.request('POST', '/v1/events', { body: { events: [event, makeEvent({ event: 'cl_nobody_defined_this' })] } });
    await collector.request('POST', '/v1/events', { body: { events: [event] } });
    const res = await collector.request('GET', '/metrics', { key: collector.adminKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(sample(text, 'eventline_events_total{outcome="accepted",code=""}')).toBe(1);
    expect(sample(text, 'eventline_events_total{outcome="duplicate",code=""}')).toBe(1);
    expect(sample(text, 'eventline_events_total{outcome="rejected",code="unknown_event"}')).toBe(1);
    expect(sample(text, 'eventline_batches_total{source="sdk"}')).toBe(2);
    expect(sample(text, 'eventline_http_request_duration_seconds_count{method="POST",route="/v1/events",status="200"}')).toBe(2);
    expect(sample(text, 'eventline_group_commit_batches_count')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'eventline_quarantine_events')).toBe(1);
    expect(sample(text, 'eventline_trigger_outbox_due')).toBe(0);
    expect(sample(text, 'eventline_debugger_readers')).toBe(0);
    expect(sample(text, 'eventline_writer_queue_batches')).toBe(0);
    expect(text).toContain('eventline_process_resident_memory_bytes');
  });

  it('labels a route by its pattern, not by the ids in the path', async () => {
    await collector.request('GET', '/v1/customers/c-no-such-one', { key: collector.adminKey });
    const text = await (await collector.request('GET', '/metrics', { key: collector.adminKey })).text();
    expect(text).toContain('route="/v1/customers/:id"');
    expect(text).not.toContain('c-no-such-one');
  });

  it('is for admin keys only', async () => {
    expect((await collector.request('GET', '/metrics', { key: null })).status).toBe(401);
    expect((await collector.request('GET', '/metrics')).status).toBe(403);
  });
});

describe('EVENTLINE_METRICS=off', () => {
  it('serves no /metrics and times no request, while ingest still works', async () => {
    await collector.restart({ EVENTLINE_METRICS: 'off' });
    expect((await collector.request('POST', '/v1/events', { body: { events: [makeEvent()] } })).status).toBe(200);
    const res = await collector.request('GET', '/metrics', { key: collector.adminKey });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const text = await collector.services.metrics.text();
    expect(text).not.toContain('eventline_http_request_duration_seconds_count');
  });
});
