import { describe, expect, it } from 'vitest';
import { PollingLoop, type LoopTimers } from './polling-loop';

/** Timers that fire only when the test advances them, in due order. */
function manualTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: LoopTimers & { advance(ms: number): Promise<void>; waiting: () => number[]; now: () => number } = {
    setTimeout(run, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (next === undefined || next[1].at > until) break;
        pending.delete(next[0]);
        now = next[1].at;
        next[1].run();
        // Lets the turn's promises settle before the next timer fires.
        for (let i = 0; i < 20; i++) await Promise.resolve();
      }
      now = until;
    },
    waiting: () => [...pending.values()].map((p) => p.at - now),
    now: () => now,
  };
  return timers;
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('PollingLoop', () => {
  it('runs a turn every interval, the first after the interval unless told otherwise', async () => {
    const timers = manualTimers();
    const turns: number[] = [];
    const loop = new PollingLoop({ intervalMs: 1_000, timers, onError: () => {}, turn: async () => (turns.push(timers.now()), false) });
    loop.start();
    await timers.advance(999);
    expect(turns).toEqual([]);
    await timers.advance(2_001);
    expect(turns).toEqual([1_000, 2_000, 3_000]);
    await loop.stop();

    const first = new PollingLoop({ intervalMs: 1_000, firstDelayMs: 0, timers, onError: () => {}, turn: async () => (turns.push(timers.now()), false) });
    turns.length = 0;
    first.start();
    await timers.advance(0);
    expect(turns).toEqual([timers.now()]);
    await first.stop();
  });

  it('runs the next turn at once while turns come back full, then waits the interval again', async () => {
    const timers = manualTimers();
    const turns: number[] = [];
    let full = 3;
    const loop = new PollingLoop({ intervalMs: 1_000, timers, onError: () => {}, turn: async () => (turns.push(timers.now()), full-- > 0) });
    loop.start();
    await timers.advance(1_000);
    expect(turns).toEqual([1_000, 1_000, 1_000, 1_000]);
    expect(timers.waiting()).toEqual([1_000]);
    await loop.stop();
  });

  it('reports a turn that throws and goes on at its interval', async () => {
    const timers = manualTimers();
    const errors: unknown[] = [];
    let calls = 0;
    const loop = new PollingLoop({
      intervalMs: 100,
      timers,
      onError: (e) => errors.push(e),
      turn: async () => {
        calls++;
        if (calls === 1) throw new Error('store down');
        return false;
      },
    });
    loop.start();
    await timers.advance(300);
    expect(errors).toEqual([new Error('store down')]);
    expect(calls).toBe(3);
    await loop.stop();
  });

  it('stop waits for the turn under way and schedules no other', async () => {
    const timers = manualTimers();
    const gate = deferred();
    let finished = false;
    let calls = 0;
    const loop = new PollingLoop({
      intervalMs: 10,
      timers,
      onError: () => {},
      turn: async () => {
        calls++;
        await gate.promise;
        finished = true;
        return true;
      },
    });
    loop.start();
    await timers.advance(10);
    expect(calls).toBe(1);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    expect(timers.waiting()).toEqual([]);
    await timers.advance(1_000);
    expect(calls).toBe(1);
    expect(loop.running).toBe(false);
  });

  it('starts once however often start is called', async () => {
    const timers = manualTimers();
    let calls = 0;
    const loop = new PollingLoop({ intervalMs: 10, timers, onError: () => {}, turn: async () => (calls++, false) });
    loop.start();
    loop.start();
    expect(timers.waiting()).toEqual([10]);
    await timers.advance(10);
    expect(calls).toBe(1);
    await loop.stop();
  });
});
