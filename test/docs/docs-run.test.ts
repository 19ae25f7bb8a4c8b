import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorEntry } from '../support/collector-entry';
import { extractCommands, mismatch, type DocCommand } from './doc-samples';

// The README's walkthrough and docs/definitions.md, run as a newcomer runs them: against a collector
// started fresh with no configured key, with the keys taken from what it prints at start. Only the
// port differs (the test takes a free one), and `npm install` / `npm start` are what this test does.
const root = fileURLToPath(new URL('../..', import.meta.url));
const skipped = /^(npm |npx vitest|export EVENTLINE_TEST_DATABASE_URL=)/;

interface Started {
  url: string;
  adminKey: string;
  writeKey: string;
  proc: ChildProcess;
}

async function startFresh(): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'eventline-docs-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', EVENTLINE_DB: join(dir, 'eventline.db'), EVENTLINE_LOG: 'silent' };
  for (const name of ['EVENTLINE_ADMIN_KEY', 'EVENTLINE_WRITE_KEY', 'EVENTLINE_DATABASE_URL']) delete env[name];
  const proc = spawn(process.execPath, ['--conditions=@eventline/source', await collectorEntry()], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
      const adminKey = /(el_adm_[\w-]+)/.exec(output)?.[1];
      const writeKey = /(el_pub_[\w-]+)/.exec(output)?.[1];
      if (url && adminKey && writeKey && /live debugger/.test(output)) resolve({ url, adminKey, writeKey, proc });
    };
    proc.stdout!.on('data', read);
    proc.stderr!.on('data', read);
    proc.once('exit', (code) => reject(new Error(`the collector exited (${code}):\n${output}`)));
  });
}

interface Ran extends DocCommand {
  status: number;
  output: string;
}

/** Runs the docs' commands in order in one shell, as a reader does in one terminal: what one exports the next sees. */
function runDocs(docs: readonly string[], collector: Started, cwd: string): Ran[] {
  const commands = docs.flatMap((doc) => extractCommands(doc, readFileSync(join(root, doc), 'utf8')).filter((c) => !skipped.test(c.command)));
  const asRun = (command: string) =>
    command
      .replaceAll('http://localhost:8787', collector.url)
      .replace(/el_adm_…/g, collector.adminKey)
      .replace(/el_pub_…/g, collector.writeKey);
  const script = commands.map((c, i) => `echo "@@start ${i}@@"\n${asRun(c.command)}\necho "@@end ${i} $?@@"`).join('\n');
  const run = spawnSync('bash', ['-c', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, EVENTLINE_URL: collector.url },
    timeout: 170_000,
  });
  return commands.map((c, i) => {
    const match = new RegExp(`@@start ${i}@@\\n([\\s\\S]*?)@@end ${i} (\\d+)@@`).exec(run.stdout);
    return { ...c, status: match ? Number(match[2]) : -1, output: match ? match[1]!.trim() : `did not run; the shell said: ${run.stderr}` };
  });
}

describe('the docs run as written against a fresh collector', () => {
  let collector: Started;
  let cwd: string;

  beforeAll(async () => {
    collector = await startFresh();
    // Inside the repo, so `npx eventline` finds the workspace's command as it does for a reader.
    cwd = join(root, 'test-results', `docs-run-${process.pid}`);
    mkdirSync(cwd, { recursive: true });
  });

  afterAll(() => {
    collector?.proc.kill('SIGTERM');
  });

  it('README.md, then docs/definitions.md: every command succeeds and answers what the doc shows', () => {
    const ran = runDocs(['README.md', 'docs/definitions.md'], collector, cwd);
    expect(new Set(ran.map((c) => c.where.split(':')[0]))).toEqual(new Set(['README.md', 'docs/definitions.md']));
    for (const command of ran) {
      const context = `${command.where}: ${command.command}\n${command.output}`;
      expect(command.status, context).toBe(0);
      if (command.expected === undefined) continue;
      let answer: unknown;
      try {
        answer = JSON.parse(command.output);
      } catch {
        throw new Error(`${context}\nthe doc shows a JSON answer but the command printed this`);
      }
      expect(mismatch(command.expected, answer), context).toBeUndefined();
    }
    // Each `npx eventline` starts a TypeScript process: a minute on a busy 2-core machine.
  }, 180_000);
});
