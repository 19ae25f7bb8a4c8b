import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { QueryTimeoutError } from '../../errors/query-timeout-error';
import { ReadsBusyError } from '../../errors/reads-busy-error';
import type { ReadCall } from '../read-methods';
import { startWorker } from '../thread/start-worker';
import { ReadPool, type ReadPoolOptions } from './read-pool';

// Counting this far takes SQLite about a second or more; the time limits below are a small fraction of that.
const slow: ReadCall = { sub: 'analysis', method: 'count', args: [1_000_000] };
const quick: ReadCall = { sub: 'analysis', method: 'count', args: [10] };
const value: ReadCall = { sub: 'analysis', method: 'value', args: [] };

let path: string;
let writer: Sqlite.Database;
let pool: ReadPool | undefined;
const open = (options: Partial<ReadPoolOptions> = {}) => {
  pool = new ReadPool({ threads: 1, queue: 4, timeoutMs: 0, start: () => startWorker(import.meta.url, './read-pool-test-thread.ts', 'read-pool-test-thread', { path }), ...options });
  return pool;
};
const settled = (promise: Promise<unknown>) => {
  const state = { done: false };
  promise.then(
    () => (state.done = true),
    () => (state.done = true),
  );
  return state;
};

beforeEach(() => {
  path = join(mkdtempSync(join(tmpdir(), 'eventline-read-pool-')), 'reads.db');
  writer = new Sqlite(path);
  writer.pragma('journal_mode = WAL');
  writer.exec('create table t (v integer)');
});
afterEach(async () => {
  await pool?.close();
  pool = undefined;
  writer.close();
});

it('answers reads on its threads, and sees what was committed before each read', async () => {
  const reads = open({ threads: 2 });
  expect(await reads.run(quick)).toBe(10);
  writer.prepare('insert into t (v) values (?)').run(1);
  expect(await reads.run(value)).toBe(1);
  writer.prepare('insert into t (v) values (?)').run(2);
  expect(await reads.run(value)).toBe(2);
});

it('stops a read past the time limit with QueryTimeoutError naming the limit, and a new thread answers the next read', async () => {
  const reads = open({ timeoutMs: 200 });
  await reads.run(quick); // the thread is started: the limit below is the query's own
  const error = await reads.run(slow).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(QueryTimeoutError);
  expect((error as QueryTimeoutError).code).toBe('query_timeout');
  expect((error as Error).message).toMatch(/200 ms limit \(EVENTLINE_QUERY_TIMEOUT_MS\)/);
  expect(reads.timeouts).toBe(1);
  writer.prepare('insert into t (v) values (?)').run(7);
  expect(await reads.run(value)).toBe(7);
  expect(reads.running).toBe(0);
});

it('lets a chunk of a stream (an export page) run past the limit, and queues it past a full queue', async () => {
  const reads = open({ threads: 1, queue: 0, timeoutMs: 50 });
  await reads.run(quick);
  const first = reads.run(slow, { chunk: true });
  await expect(reads.run(quick)).rejects.toBeInstanceOf(ReadsBusyError);
  const next = reads.run(quick, { chunk: true });
  expect(await first).toBe(1_000_000);
  expect(await next).toBe(10);
  expect(reads.timeouts).toBe(0);
});

it('queues reads while its threads are busy and refuses one more than the queue holds with ReadsBusyError', async () => {
  const reads = open({ threads: 1, queue: 2 });
  const running = reads.run(slow);
  const queued = [reads.run(quick), reads.run(value)];
  expect({ running: reads.running, queued: reads.queued }).toEqual({ running: 1, queued: 2 });
  const refused = await reads.run(quick).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ReadsBusyError);
  expect((refused as Error).message).toMatch(/\(2, EVENTLINE_READ_QUEUE\)/);
  expect(await running).toBe(1_000_000);
  expect(await Promise.all(queued)).toEqual([10, null]);
  expect({ running: reads.running, queued: reads.queued }).toEqual({ running: 0, queued: 0 });
});

it('answers while a thread is stuck in a long statement: the caller thread is never blocked', async () => {
  const reads = open({ threads: 2 });
  const long = reads.run(slow);
  const state = settled(long);
  // Timers fire and other reads finish while the long one is still in SQLite on its own thread.
  await new Promise((r) => setTimeout(r, 20));
  expect(await reads.run(quick)).toBe(10);
  expect(state.done).toBe(false);
  await long;
});

it('passes a driver error on with its code', async () => {
  const reads = open();
  const error = (await reads.run({ sub: 'analysis', method: 'broken', args: [] }).catch((e: unknown) => e)) as Error & { code: string };
  expect(error.message).toMatch(/no such table: missing/);
  expect(error.code).toBe('SQLITE_ERROR');
  expect(await reads.run(quick)).toBe(10);
});

it('keeps at most as many timed-out threads lingering as it has threads: past that, reads wait for one to exit', async () => {
  const reads = open({ threads: 1, timeoutMs: 100 });
  await expect(reads.run(slow)).rejects.toBeInstanceOf(QueryTimeoutError);
  // One thread lingers in SQLite, one more may start; when that one times out too, the next read waits.
  await expect(reads.run(slow)).rejects.toBeInstanceOf(QueryTimeoutError);
  const next = reads.run(quick);
  expect(reads.queued).toBe(1);
  expect(await next).toBe(10);
  expect(reads.timeouts).toBe(2);
});
