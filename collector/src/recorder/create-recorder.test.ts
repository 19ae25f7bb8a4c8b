import type { EventDefinition } from '@eventline/protocol';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { DefinitionCache } from '../definitions/definition-cache';
import { DebugBus, type DebugArrival } from '../devloop/debug-bus';
import { materialTagging } from '../materials/material-tagging';
import type { DefinitionStore, NewEvent, QuarantineRecord, WriteBatch, WriteOutcome } from '../store/store';
import { createRecorder, type RecorderDeps } from './create-recorder';
import { EventValidator, type IngestContext } from './event-validator';

const signup: EventDefinition = {
  id: 'cl_signup',
  name: 'Sign up',
  type: 'inbound',
  score: 10,
  stage: null,
  group: null,
  properties: [{ id: 'cl_plan', name: 'Plan', type: 'text', required: false }],
  system: false,
};

const context: IngestContext = { receivedAt: Date.now(), sentAt: null, scope: 'ingest', keyId: 'key-1', source: 'sdk' };
const event = (overrides: Record<string, unknown> = {}) => ({ uuid: uuidv7(), event: 'cl_signup', time: context.receivedAt, anonymousId: 'anon-1', ...overrides });

/** A recorder over the real validator and definitions, with a store that keeps each batch it is asked to write. */
async function recorderWith(overrides: Partial<RecorderDeps> = {}) {
  const definitions = new DefinitionCache({ list: async () => [signup] } as unknown as DefinitionStore);
  await definitions.load();
  const written: WriteBatch[] = [];
  const stored = new Set<string>();
  const recorder = createRecorder({
    validator: new EventValidator(definitions, loadConfig({})),
    enrichers: [],
    triggers: { match: () => [] },
    events: {
      write: async (batch) => {
        written.push(batch);
        return batch.events.map((e): WriteOutcome => (stored.has(e.uuid) ? 'duplicate' : (stored.add(e.uuid), 'accepted')));
      },
    },
    ...overrides,
  });
  return { recorder, written };
}

describe('createRecorder', () => {
  it('quarantines a rejected event with its reason and records the rest of the batch', async () => {
    const { recorder, written } = await recorderWith();
    const good = event({ properties: { cl_plan: 'pro' } });
    const bad = event({ properties: { cl_plan: 42 } });
    const result = await recorder.record([good, bad], context);

    expect(result).toMatchObject({ accepted: 1, duplicates: 0, rejected: [{ index: 1, uuid: bad.uuid, code: 'invalid_property', path: 'properties.cl_plan' }] });
    expect(written).toHaveLength(1);
    expect(written[0]!.events.map((e) => e.uuid)).toEqual([good.uuid]);
    expect(written[0]!.quarantine).toEqual([
      expect.objectContaining({ uuid: bad.uuid, event: 'cl_signup', code: 'invalid_property', keyId: 'key-1', scope: 'ingest', receivedAt: context.receivedAt }),
    ]);
    expect(JSON.parse(written[0]!.quarantine[0]!.raw)).toEqual(bad);
  });

  it('adds the tags of the material an event names after its own', async () => {
    const tagsOf = (id: string) => (id === 'spring-sale' ? ['promo', 'spring'] : undefined);
    const { recorder, written } = await recorderWith({ enrichers: [materialTagging({ tagsOf })] });
    await recorder.record([event({ tags: ['own', 'promo'], properties: { target_id: 'spring-sale' } }), event({ tags: ['own'] })], context);
    expect(written[0]!.events.map((e) => e.tags)).toEqual([['own', 'promo', 'spring'], ['own']]);
  });

  it('matches triggers on the enriched event, for a batch and for a replay alike', async () => {
    const seen: NewEvent[] = [];
    const { recorder, written } = await recorderWith({
      enrichers: [(e) => ({ ...e, tags: [...e.tags, 'enriched'] })],
      triggers: {
        match: (e) => {
          seen.push(e);
          return e.event === 'cl_signup' ? ['welcome-flow'] : [];
        },
      },
    });
    await recorder.record([event()], context);
    await recorder.recordEach([{ raw: event(), context: { ...context, source: 'replay' } }]);
    expect(written.map((b) => b.events[0]!.triggers)).toEqual([['welcome-flow'], ['welcome-flow']]);
    expect(seen.map((e) => e.tags)).toEqual([['enriched'], ['enriched']]);
  });

  it('resolves a replayed row that now passes, and keeps the reason current on one that still fails', async () => {
    const { recorder, written } = await recorderWith();
    const row = (raw: Record<string, unknown>, id: number, uuid: string | null): QuarantineRecord => ({
      ...{ id, uuid, event: 'cl_signup', code: 'unknown_event', message: 'old reason', path: 'event', raw: JSON.stringify(raw) },
      ...{ receivedAt: 1, sentAt: null, keyId: 'key-0', scope: 'server', attempts: 1, status: 'pending' },
    });
    const passes = event();
    const fails = event({ properties: { cl_plan: 42 } });
    const noUuid = event({ uuid: 'x' });
    const replayContext = { ...context, source: 'replay' as const };
    const result = await recorder.recordEach([
      { raw: passes, context: replayContext, from: row(passes, 7, passes.uuid) },
      { raw: fails, context: replayContext, from: row(fails, 8, fails.uuid) },
      { raw: noUuid, context: replayContext, from: row(noUuid, 9, null) },
    ]);

    expect(result).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(result.rejected.map((r) => r.code)).toEqual(['invalid_property', 'invalid_uuid']);
    expect(written[0]!.resolvedQuarantine).toEqual([7]);
    expect(written[0]!.events[0]!.source).toBe('replay');
    // The failing row is rewritten with today's reason, as itself; the row without a uuid is left alone.
    expect(written[0]!.quarantine).toEqual([expect.objectContaining({ id: 8, uuid: fails.uuid, keyId: 'key-0', code: 'invalid_property', path: 'properties.cl_plan' })]);
  });

  it('counts what the SDK dropped against the key', async () => {
    const { recorder, written } = await recorderWith();
    await recorder.record([event()], context, { dropped: { count: 3, anonymousId: 'anon-1' } });
    await recorder.record([event()], context, { dropped: { count: 0, anonymousId: 'anon-1' } });
    expect(written.map((b) => b.dropped)).toEqual([{ count: 3, anonymousId: 'anon-1', keyId: 'key-1' }, undefined]);
  });

  it('shows the live debugger what became of each event arriving now, and nothing of the others', async () => {
    const debug = new DebugBus();
    const { recorder } = await recorderWith({ debug });
    const stream = debug.subscribe({}, { raw: true }).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await stream.read()).value)).toBe(': connected\n\n');

    const accepted = event();
    await recorder.record([accepted], { ...context, source: 'manual' });
    await recorder.record([accepted, event({ event: 'cl_nope' })], context, { live: { origin: 'https://shop.example' } });
    const text = decoder.decode((await stream.read()).value);
    const arrivals = text.split('\n\n').filter(Boolean).map((m) => JSON.parse(m.slice('data: '.length)) as DebugArrival);
    expect(arrivals.map((a) => [a.result, a.uuid === accepted.uuid, a.origin, a.keyId])).toEqual([
      ['duplicate', true, 'https://shop.example', 'key-1'],
      ['rejected', false, 'https://shop.example', 'key-1'],
    ]);
    expect(arrivals[1]!.rejection?.code).toBe('unknown_event');
    debug.close();
  });
});
