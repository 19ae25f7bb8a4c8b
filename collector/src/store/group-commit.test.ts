import { describe, expect, it } from 'vitest';
import { GroupCommit, type Committer } from './group-commit';

class Unavailable extends Error {}

/** A committer whose transactions stay open until the test ends them, recording what each held. */
function fakeCommitter(options: { refuse?: (batch: string) => boolean; unavailable?: boolean } = {}) {
  const transactions: { batches: string[]; finish: () => void }[] = [];
  const committed: string[][] = [];
  const committer: Committer<string, string> = {
    commit: (batches) =>
      new Promise<string[]>((resolve, reject) => {
        transactions.push({
          batches,
          finish: () => {
            if (options.unavailable) return reject(Object.assign(new Error('disk full'), { code: 'FULL' }));
            if (batches.some((b) => options.refuse?.(b))) return reject(new Error(`refused ${batches.join(',')}`));
            committed.push(batches);
            resolve(batches.map((b) => `ok:${b}`));
          },
        });
      }),
    unavailable: (error) => ((error as { code?: string }).code === 'FULL' ? new Unavailable('cannot write', { cause: error }) : undefined),
  };
  return { committer, transactions, committed };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
/** Finishes each transaction as it opens, until `done` settles. */
async function finishAll(transactions: { finish: () => void }[], done: Promise<unknown>) {
  let settled = false;
  void done.finally(() => (settled = true)).catch(() => {});
  for (let i = 0; !settled; ) {
    await turn();
    while (i < transactions.length) transactions[i++]!.finish();
  }
}

describe('GroupCommit', () => {
  it('puts the batches of one turn into one transaction and settles them only after it committed', async () => {
    const { committer, transactions } = fakeCommitter();
    const group = new GroupCommit(committer);
    const settled: string[] = [];
    const a = group.write('a').then((r) => settled.push(r));
    const b = group.write('b').then((r) => settled.push(r));
    await turn();
    expect(transactions.map((t) => t.batches)).toEqual([['a', 'b']]);
    await turn();
    expect(settled).toEqual([]);
    transactions[0]!.finish();
    await Promise.all([a, b]);
    expect(settled).toEqual(['ok:a', 'ok:b']);
  });

  it('puts the batches that arrive during a commit into the next transaction', async () => {
    const { committer, transactions } = fakeCommitter();
    const group = new GroupCommit(committer);
    const first = group.write('a');
    await turn();
    const during = [group.write('b'), group.write('c')];
    await turn();
    expect(transactions.map((t) => t.batches)).toEqual([['a']]);
    transactions[0]!.finish();
    expect(await first).toBe('ok:a');
    for (let i = 0; i < 10 && transactions.length < 2; i++) await turn();
    expect(transactions.map((t) => t.batches)).toEqual([['a'], ['b', 'c']]);
    transactions[1]!.finish();
    expect(await Promise.all(during)).toEqual(['ok:b', 'ok:c']);
  });

  it('retries each batch alone when the database refuses their transaction: only the refused one fails', async () => {
    const { committer, transactions, committed } = fakeCommitter({ refuse: (b) => b === 'bad' });
    const group = new GroupCommit(committer);
    const results = Promise.allSettled([group.write('a'), group.write('bad'), group.write('c')]);
    await finishAll(transactions, results);
    const [a, bad, c] = await results;
    expect(a).toEqual({ status: 'fulfilled', value: 'ok:a' });
    expect(c).toEqual({ status: 'fulfilled', value: 'ok:c' });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'refused bad' } });
    expect(committed).toEqual([['a'], ['c']]);
  });

  it('fails the whole group with the unavailable error, without retrying, and remembers when', async () => {
    const { committer, transactions } = fakeCommitter({ unavailable: true });
    const group = new GroupCommit(committer);
    const before = Date.now();
    const results = Promise.allSettled([group.write('a'), group.write('b')]);
    await finishAll(transactions, results);
    for (const result of await results) expect(result).toMatchObject({ status: 'rejected', reason: expect.any(Unavailable) });
    expect(transactions).toHaveLength(1);
    expect(group.lastUnavailableAt).toBeGreaterThanOrEqual(before);
  });

  it('forgets an unavailable store after the next commit succeeds', async () => {
    const options: { unavailable?: boolean } = { unavailable: true };
    const { committer, transactions } = fakeCommitter(options);
    const group = new GroupCommit(committer);
    const failed = group.write('a').catch((e: unknown) => e);
    await finishAll(transactions, failed);
    expect(group.lastUnavailableAt).toBeGreaterThan(0);
    options.unavailable = false;
    const ok = group.write('b');
    await finishAll(transactions, ok);
    expect(await ok).toBe('ok:b');
    expect(group.lastUnavailableAt).toBe(0);
  });

  it('tells when every batch written so far has been answered', async () => {
    const { committer, transactions } = fakeCommitter();
    const group = new GroupCommit(committer);
    await group.drained();
    const written = group.write('a');
    let drained = false;
    const done = group.drained().then(() => (drained = true));
    await turn();
    await turn();
    expect(drained).toBe(false);
    transactions[0]!.finish();
    await done;
    expect(await written).toBe('ok:a');
  });

  it('accepts a committer that commits synchronously', async () => {
    const group = new GroupCommit<string, number>({ commit: (batches) => batches.map((b) => b.length), unavailable: () => undefined });
    expect(await Promise.all([group.write('ab'), group.write('abc')])).toEqual([2, 3]);
  });
});
