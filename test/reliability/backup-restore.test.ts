import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../collector/src/cli/main';
import { readEvents, startCollector, type RunningCollector } from '../support/collector-process';

const run = async (argv: string[], env: Record<string, string>) => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { ...env, EVENTLINE_LOG: 'silent' } });
  return { code, stdout, stderr };
};

describe('eventline backup and restore (SQLite)', () => {
  const running: RunningCollector[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });

  it('backs up while ingest runs, and the restored file serves every event acknowledged before the backup', async () => {
    const collector = await startCollector({ dbPath: join(mkdtempSync(join(tmpdir(), 'eventline-backup-')), 'live.db') });
    running.push(collector);
    const acknowledged: string[] = [];
    let sending = true;
    let backupStarted = Infinity;
    const client = async () => {
      while (sending) {
        const uuids = Array.from({ length: 100 }, () => uuidv7());
        const sentAt = Date.now();
        const res = await fetch(`${collector.url}/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${collector.writeKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: uuids.map((uuid) => ({ uuid, event: 'page_view', time: sentAt, anonymousId: 'a1', properties: {} })) }),
        });
        // Only what was answered before the backup began must be in it.
        if (res.status === 200 && Date.now() < backupStarted) acknowledged.push(...uuids);
        else await res.body?.cancel();
      }
    };
    const clients = [client(), client(), client()];
    await new Promise((r) => setTimeout(r, 1_000));

    const dir = mkdtempSync(join(tmpdir(), 'eventline-backup-'));
    const file = join(dir, 'backup.db');
    backupStarted = Date.now();
    const backup = await run(['backup', file], { EVENTLINE_DB: collector.dbPath });
    sending = false;
    await Promise.all(clients);
    expect(backup, backup.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('backed up') });
    expect(acknowledged.length).toBeGreaterThan(0);

    const restoredPath = join(dir, 'restored.db');
    expect(await run(['restore', file], { EVENTLINE_DB: restoredPath })).toMatchObject({ code: 0 });
    const stored = new Set(readEvents(restoredPath).map((e) => e.uuid));
    expect(acknowledged.filter((uuid) => !stored.has(uuid))).toEqual([]);

    const restored = await startCollector({ dbPath: restoredPath });
    running.push(restored);
    expect((await fetch(`${restored.url}/readyz`)).status).toBe(200);
    // Three collector starts on a busy 2-core machine.
  }, 90_000);

  it('refuses to overwrite a database without --replace, a damaged or foreign file, and an existing backup target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventline-backup-'));
    const collector = await startCollector({ dbPath: join(dir, 'live.db') });
    await collector.stop();
    const file = join(dir, 'backup.db');
    expect((await run(['backup', file], { EVENTLINE_DB: collector.dbPath })).code).toBe(0);
    expect(await run(['backup', file], { EVENTLINE_DB: collector.dbPath })).toMatchObject({ code: 1, stderr: expect.stringContaining('exists') });
    expect(await run(['restore', file], { EVENTLINE_DB: collector.dbPath })).toMatchObject({ code: 1, stderr: expect.stringContaining('--replace') });
    expect((await run(['restore', file, '--replace'], { EVENTLINE_DB: collector.dbPath })).code).toBe(0);
    const foreign = join(dir, 'notes.txt');
    writeFileSync(foreign, 'not a database');
    expect((await run(['restore', foreign], { EVENTLINE_DB: join(dir, 'other.db') })).code).toBe(1);
    expect(await run(['backup', join(dir, 'b2.db')], { EVENTLINE_DB: join(dir, 'missing.db') })).toMatchObject({ code: 1, stderr: expect.stringContaining('no database') });
  }, 60_000);
});
