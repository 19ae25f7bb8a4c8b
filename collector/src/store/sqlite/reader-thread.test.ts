import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../../testing/test-collector';

let collector: TestCollector | undefined;
afterEach(() => collector?.close());

/** A thread's nice value: field 19 of its /proc stat line, counted after the parenthesised name. */
const niceOf = (tid: string) => {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};

it.skipIf(process.platform !== 'linux')('reads on threads that yield the CPU to ingest when every core is busy', async (ctx) => {
  const threads = () => readdirSync('/proc/self/task');
  const known = new Set(threads());
  collector = await createTestCollector();
  if (collector.dbPath === undefined) return ctx.skip(); // PostgreSQL reads run in the server
  const self = readlinkSync('/proc/thread-self').split('/').pop()!;
  const before = niceOf(self);

  expect((await collector.request('POST', '/v1/events', { body: { events: [makeEvent({ anonymousId: 'reader' })] } })).status).toBe(200);
  // The activeness list is one of the reads a reader thread answers.
  expect((await collector.request('GET', '/v1/customers?activeness=low', { key: collector.adminKey })).status).toBe(200);

  const started = threads().filter((tid) => !known.has(tid));
  const lowered = started.filter((tid) => niceOf(tid) === Math.min(19, before + 10));
  expect(lowered.length).toBeGreaterThan(0);
  // Not the writer thread (started with the collector), nor this one: ingest keeps the process's priority.
  expect(lowered.length).toBeLessThan(started.length);
  expect(niceOf(self)).toBe(before);
});
