import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents, startCollector, type RunningCollector } from '../support/collector-process';

/**
 * The database on a small tmpfs of its own: the disk really fills up, and a read-only remount makes
 * the file really read-only (chmod would not stop a root process). Mounting needs root; elsewhere the
 * suite is skipped with the reason, not faked.
 */
const dir = mkdtempSync(join(tmpdir(), 'eventline-disk-'));
const mount = (...args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });
let mountError: string | undefined;
try {
  mount('-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir);
} catch (error) {
  mountError = String((error as Error).message).split('\n')[0];
  console.warn(`[storage trouble] skipped: cannot mount a tmpfs (${mountError})`);
}

type Answer = { status: number; uuids: string[]; retryAfter: string | null; body: { error?: { code: string } } };

describe.skipIf(mountError)('storage trouble', () => {
  let c: RunningCollector;
  const answers: Answer[] = [];
  const filler = join(dir, 'filler');

  beforeAll(async () => {
    c = await startCollector({ dbPath: join(dir, 'eventline.db') });
  });
  afterAll(async () => {
    await c?.stop();
    try {
      execFileSync('umount', [dir]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const post = async (events: number, titleBytes: number): Promise<Answer> => {
    const uuids = Array.from({ length: events }, () => uuidv7());
    const res = await fetch(`${c.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: uuids.map((uuid) => ({ uuid, event: 'page_view', time: Date.now(), anonymousId: 'disk', properties: { title: 'x'.repeat(titleBytes) } })) }),
    });
    const answer = { status: res.status, uuids, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Answer['body'] };
    answers.push(answer);
    return answer;
  };

  /** Every answer checked against the file: a 200's events are all there, a 503's none of them. */
  const expectAnswersMatchFile = () => {
    const stored = new Set(readEvents(c.dbPath).map((e) => e.uuid));
    for (const a of answers) {
      if (a.status === 200) expect(a.uuids.filter((u) => !stored.has(u))).toEqual([]);
      else expect(a.uuids.filter((u) => stored.has(u))).toEqual([]);
    }
  };

  it('disk full: 503 storage_unavailable with Retry-After, nothing acknowledged that was not stored', async () => {
    // Most of the space taken by another file, so the database meets the limit within a few requests.
    writeFileSync(filler, Buffer.alloc(3 * 1024 * 1024));
    let full: Answer | undefined;
    for (let i = 0; i < 200 && !full; i++) {
      const a = await post(30, 8_000);
      if (a.status !== 200) full = a;
    }
    expect(full).toBeDefined();
    expect(full!.status).toBe(503);
    expect(full!.body.error?.code).toBe('storage_unavailable');
    expect(Number(full!.retryAfter)).toBeGreaterThan(0);
    // Not ready while commits fail, although a probe row alone would still fit on the full disk.
    expect((await fetch(`${c.url}/readyz`)).status).toBe(503);
    // It keeps refusing rather than acknowledging into a full disk, and the process stays up.
    for (let i = 0; i < 5; i++) expect([200, 503]).toContain((await post(30, 8_000)).status);
    // Still alive.
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
    expectAnswersMatchFile();
  });

  it('recovers by itself once space is freed', async () => {
    rmSync(filler);
    const a = await post(30, 8_000);
    expect(a.status).toBe(200);
    expect((await fetch(`${c.url}/readyz`)).status).toBe(200);
    expectAnswersMatchFile();
  });

  /**
   * Linux refuses to remount a file system read-only while a process holds a file open for writing
   * ("mount point is busy"), and device-mapper (to fail writes under a running process) is not
   * available here; so the read-only case is the file system being read-only when the collector starts.
   */
  it('read-only file system: the collector refuses to start with storage_unavailable, and starts once it is writable', async () => {
    await c.stop();
    mount('-o', 'remount,ro', dir);
    try {
      await expect(c.restart()).rejects.toThrow(/storage_unavailable|cannot take writes/);
    } finally {
      mount('-o', 'remount,rw', dir);
    }
    await c.restart();
    expect((await post(10, 100)).status).toBe(200);
    expectAnswersMatchFile();
    // Three collector starts, one of them refused: more than the default 20 s on a busy machine.
  }, 90_000);
});
