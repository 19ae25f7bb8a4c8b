import { describe, expect, it } from 'vitest';
import { segmentMembership } from '../segments/segment-membership';
import { adminRequest } from '../testing/admin-request';
import { collectorPerTest } from '../testing/collector-per-test';
import { makeEvent } from '../testing/test-collector';
import { TimerWorker } from './timer-worker';
import { timerDeliveryId } from './timer-delivery-id';

const minute = 60_000;
const hour = 60 * minute;
const secret = 'a-receiver-secret-of-32-characters';
const collector = collectorPerTest();

const admin = adminRequest(collector);
const send = async (...events: Record<string, unknown>[]) => expect((await collector.request('POST', '/v1/events', { body: { events } })).status).toBe(200);
const deliveries = async (triggerId: string) =>
  ((await (await admin('GET', `/v1/triggers/${triggerId}/deliveries`)).json()) as { items: { id: string; eventUuid: string; status: string }[] }).items;
async function createTrigger(body: Record<string, unknown>) {
  const res = await admin('POST', '/v1/triggers', { url: 'http://127.0.0.1:9/hook', secret, ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; unless?: unknown };
}
/** A timer worker whose clock the test sets. */
function workerAt(clock: { now: number }) {
  const { store, log, config } = collector.services;
  return new TimerWorker(store, log, { intervalMs: 10, batch: 50, leaseMs: 30_000 }, segmentMembership(store, config.activenessLevels), () => clock.now);
}

describe('follow-up triggers: when E happens and F does not follow within T', () => {
  it('delivers once at the end of the window for each event not followed in time, and nothing before', async () => {
    const trigger = await createTrigger({ event: 'form_submit', unless: { event: 'page_view', where: [{ property: 'channel', op: '=', value: 'web' }], within: '1h' } });
    expect(trigger.unless).toEqual({ event: 'page_view', where: [{ property: 'channel', op: '=', value: 'web' }], within: '1h' });
    const t0 = Date.now() - 3 * hour;
    const lonely = makeEvent({ anonymousId: 'lonely', event: 'form_submit', time: t0 });
    const followed = makeEvent({ anonymousId: 'followed', event: 'form_submit', time: t0 });
    const late = makeEvent({ anonymousId: 'late', event: 'form_submit', time: t0 });
    const wrongChannel = makeEvent({ anonymousId: 'other', event: 'form_submit', time: t0 });
    await send(
      lonely,
      followed,
      makeEvent({ anonymousId: 'followed', event: 'page_view', properties: { channel: 'web' }, time: t0 + 10 * minute }),
      late,
      makeEvent({ anonymousId: 'late', event: 'page_view', properties: { channel: 'web' }, time: t0 + 2 * hour }),
      wrongChannel,
      makeEvent({ anonymousId: 'other', event: 'page_view', properties: { channel: 'app' }, time: t0 + minute }),
    );
    const clock = { now: t0 + hour - 1 };
    const worker = workerAt(clock);
    expect(await worker.runOnce()).toBe(0);
    expect(await deliveries(trigger.id)).toEqual([]);

    clock.now = t0 + hour;
    expect(await worker.runOnce()).toBe(4);
    const fired = await deliveries(trigger.id);
    expect(fired.map((d) => d.eventUuid).sort()).toEqual([lonely.uuid, late.uuid, wrongChannel.uuid].sort());
    expect(fired.every((d) => d.status === 'pending')).toBe(true);
    // Settled timers are gone: a later look fires nothing more.
    clock.now += hour;
    expect(await worker.runOnce()).toBe(0);
    expect(await deliveries(trigger.id)).toHaveLength(3);
  });

  it('counts the survivor’s events after a merge', async () => {
    const trigger = await createTrigger({ event: 'form_submit', unless: { event: 'page_view', within: '1h' } });
    const t0 = Date.now() - 3 * hour;
    const form = makeEvent({ anonymousId: 'phone-a', event: 'form_submit', time: t0 });
    await send(form, makeEvent({ anonymousId: 'laptop', identities: { mobile: '13800000000' }, event: 'page_view', time: t0 + 5 * minute }));
    // The identify that shows both devices are one person comes later.
    await send(makeEvent({ anonymousId: 'phone-a', identities: { mobile: '13800000000' }, event: 'wechat_follow', time: t0 + 2 * hour }));
    expect(await workerAt({ now: t0 + 2 * hour }).runOnce()).toBe(1);
    expect(await deliveries(trigger.id)).toEqual([]);
  });

  it('writes one delivery per timer even when the timer is settled twice (a retry after a crash)', async () => {
    const trigger = await createTrigger({ event: 'form_submit', unless: { event: 'page_view', within: '1s' } });
    const e = makeEvent({ event: 'form_submit', time: Date.now() - hour });
    await send(e);
    const { triggers } = collector.services.store;
    const [timer] = await triggers.claimDueTimers(Date.now(), 10, 0);
    expect(timer).toMatchObject({ triggerId: trigger.id, eventUuid: e.uuid });
    const id = timerDeliveryId(timer!.triggerId, timer!.eventUuid, timer!.dueAt);
    await triggers.settleTimer(timer!, Date.now(), id);
    await triggers.settleTimer(timer!, Date.now(), id);
    expect((await deliveries(trigger.id)).map((d) => d.id)).toEqual([id]);
    expect(await triggers.claimDueTimers(Date.now(), 10, 0)).toEqual([]);
  });

  it('settles a batch of timers together: the ones that fire write one delivery each, the others none, and a second settling (after a crash) adds nothing', async () => {
    const trigger = await createTrigger({ event: 'form_submit', unless: { event: 'page_view', within: '1s' } });
    const events = Array.from({ length: 30 }, (_, i) => makeEvent({ anonymousId: `s${i}`, event: 'form_submit', time: Date.now() - hour }));
    await send(...events);
    const { triggers } = collector.services.store;
    const claimed = await triggers.claimDueTimers(Date.now(), 100, 0);
    expect(claimed).toHaveLength(30);
    const settlements = claimed.map((t, i) => ({ triggerId: t.triggerId, eventUuid: t.eventUuid, ...(i % 2 === 0 && { deliveryId: timerDeliveryId(t.triggerId, t.eventUuid, t.dueAt) }) }));
    await triggers.settleTimers(settlements, Date.now());
    await triggers.settleTimers(settlements, Date.now());
    const fired = await deliveries(trigger.id);
    expect(fired.map((d) => d.id).sort()).toEqual(settlements.flatMap((s) => (s.deliveryId === undefined ? [] : [s.deliveryId])).sort());
    expect(await triggers.claimDueTimers(Date.now(), 100, 0)).toEqual([]);
  });

  it('a timer whose lease ran out is checked again, and a deleted trigger’s timers fire nothing', async () => {
    const trigger = await createTrigger({ event: 'form_submit', unless: { event: 'page_view', within: '1m' } });
    const t0 = Date.now() - hour;
    await send(makeEvent({ event: 'form_submit', time: t0 }), makeEvent({ anonymousId: 'b', event: 'form_submit', time: t0 }));
    const { triggers } = collector.services.store;
    // Claimed by a worker that then stopped: held for the lease, then due again.
    expect(await triggers.claimDueTimers(t0 + minute, 1, 10 * minute)).toHaveLength(1);
    expect(await workerAt({ now: t0 + 2 * minute }).runOnce()).toBe(1);
    expect(await workerAt({ now: t0 + 11 * minute }).runOnce()).toBe(1);
    expect(await deliveries(trigger.id)).toHaveLength(2);

    const gone = await createTrigger({ event: 'form_submit', unless: { event: 'page_view', within: '1m' } });
    await send(makeEvent({ anonymousId: 'c', event: 'form_submit', time: t0 }));
    expect((await admin('DELETE', `/v1/triggers/${gone.id}`)).status).toBe(204);
    // Only the live trigger's timer for "c" is left to check.
    expect(await workerAt({ now: Date.now() }).runOnce()).toBe(1);
    expect((await collector.services.store.triggers.deliveries(gone.id, { limit: 10 })).items).toEqual([]);
    expect(await deliveries(trigger.id)).toHaveLength(3);
  });

  it('fires only for members of its segment: a plain trigger, and a follow-up', async () => {
    const segment = (await (await admin('POST', '/v1/segments', { name: 'Mobile known', condition: { did: { event: 'wechat_follow' } } })).json()) as { id: string };
    const plain = await createTrigger({ event: 'form_submit', segment: segment.id });
    const followUp = await createTrigger({ event: 'form_submit', segment: segment.id, unless: { event: 'page_view', within: '1m' } });
    expect(await (await admin('GET', `/v1/triggers/${plain.id}`)).json()).toMatchObject({ segment: segment.id });
    const t0 = Date.now() - hour;
    const member = makeEvent({ anonymousId: 'm', event: 'form_submit', time: t0 });
    await send(makeEvent({ anonymousId: 'm', event: 'wechat_follow', time: t0 - minute }), member, makeEvent({ anonymousId: 'n', event: 'form_submit', time: t0 }));
    expect(await workerAt({ now: Date.now() }).runOnce()).toBe(4);
    expect((await deliveries(plain.id)).map((d) => d.eventUuid)).toEqual([member.uuid]);
    expect((await deliveries(followUp.id)).map((d) => d.eventUuid)).toEqual([member.uuid]);
  });

  it('leaves plain triggers as they were: one delivery at once, no timer', async () => {
    const trigger = await createTrigger({ event: 'form_submit' });
    await send(makeEvent({ event: 'form_submit' }));
    expect(await deliveries(trigger.id)).toHaveLength(1);
    expect(await collector.services.store.triggers.claimDueTimers(Date.now() + 40 * 86_400_000, 10, 0)).toEqual([]);
  });

  it.each([
    ['a window under 1s', { event: 'page_view', within: '0s' }, /within/],
    ['a window over 30d', { event: 'page_view', within: '31d' }, /within/],
    ['a window without a unit', { event: 'page_view', within: '10' }, /within/],
    ['an unknown unless event', { event: 'cl_nope', within: '1h' }, /unless\.event: no event is defined/],
  ])('rejects %s', async (_name, unless, message) => {
    const res = await admin('POST', '/v1/triggers', { event: 'form_submit', url: 'http://127.0.0.1:9/hook', secret, unless });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
  });

  it('rejects an unknown segment, and takes windows from 1s to 30d', async () => {
    const res = await admin('POST', '/v1/triggers', { event: 'form_submit', url: 'http://127.0.0.1:9/hook', secret, segment: 'no-such' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/segment/);
    expect((await createTrigger({ event: 'form_submit', unless: { event: 'page_view', within: '1s' } })).unless).toMatchObject({ within: '1s' });
    expect((await createTrigger({ event: 'form_submit', unless: { event: 'page_view', within: '30d' } })).unless).toMatchObject({ within: '30d' });
    expect((await createTrigger({ event: 'form_submit', unless: { event: 'page_view', within: '90s' } })).unless).toMatchObject({ within: '90s' });
  });
});
