import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { collectorEntry } from '../support/collector-entry';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the real entry on a SQLite file, with only the keys given, and answers what it printed up to and including its banner. */
async function banner(dbPath: string, keys: Record<string, string> = {}): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', EVENTLINE_DB: dbPath, EVENTLINE_DATABASE_URL: '', EVENTLINE_LOG: 'silent' };
  delete env.EVENTLINE_ADMIN_KEY;
  delete env.EVENTLINE_WRITE_KEY;
  Object.assign(env, keys);
  const server = await collectorEntry();
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--conditions=@eventline/source', server], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready:')) proc.kill('SIGTERM');
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.once('exit', () => (output.includes('ready:') ? resolve(output) : reject(new Error(`no banner:\n${output}`))));
  });
}

const freshDb = () => join(mkdtempSync(join(tmpdir(), 'eventline-banner-')), 'eventline.db');
const count = (text: string, part: string) => text.split(part).length - 1;

it('prints no key that came from the environment', async () => {
  const adminKey = `el_adm_${randomBytes(16).toString('hex')}`;
  const writeKey = `el_pub_${randomBytes(16).toString('hex')}`;
  const printed = await banner(freshDb(), { EVENTLINE_ADMIN_KEY: adminKey, EVENTLINE_WRITE_KEY: writeKey });
  expect(printed).toContain('listening on');
  expect(printed).not.toContain(adminKey);
  expect(printed).not.toContain(writeKey);
}, 30_000);

it('prints each key it generated exactly once, and at the next start none', async () => {
  const dbPath = freshDb();
  const first = await banner(dbPath);
  const keys = first.match(/el_(adm|pub)_[A-Za-z0-9_-]+/g) ?? [];
  expect(new Set(keys).size).toBe(2);
  for (const key of new Set(keys)) expect(count(first, key), key.slice(0, 7)).toBe(1);

  const second = await banner(dbPath);
  expect(second).toContain('listening on');
  for (const key of keys) expect(second).not.toContain(key);
}, 60_000);
