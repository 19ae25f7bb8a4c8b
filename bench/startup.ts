// npm run bench:startup [-- --runs 7] [-- --no-write]
// Time from starting the collector process to its first ready answer (GET /readyz 200), on a fresh
// SQLite file each run: the compiled collector (`npm start`) against the TypeScript loader
// (`npm run dev`), alternated so a drift of the machine's speed falls on both. Needs `npm run build`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSection } from './write-section';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, 'no-write': { type: 'boolean', default: false } } });
const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(join(root, 'collector/dist/server.js'))) throw new Error('collector/dist/server.js is missing: run npm run build first');

const variants = {
  compiled: ['collector/dist/server.js'],
  'TypeScript loader': ['--conditions=@eventline/source', '--import', 'tsx', 'collector/src/server.ts'],
} as const;

async function timeToReady(args: readonly string[]): Promise<number> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const dbPath = join(mkdtempSync(join(tmpdir(), 'eventline-startup-')), 'eventline.db');
  const started = performance.now();
  const proc = spawn(process.execPath, args, { cwd: root, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EVENTLINE_DB: dbPath, EVENTLINE_LOG: 'silent' }, stdio: 'ignore' });
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`the collector exited (${proc.exitCode})`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
      if (ready) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    proc.kill('SIGKILL');
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
await timeToReady(variants.compiled); // warm the file cache
for (let i = 0; i < Number(values.runs); i++) {
  for (const [name, args] of Object.entries(variants)) times[name]!.push(await timeToReady(args));
}
const rows = Object.entries(times).map(([name, xs]) => `| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`);
const markdown = `## Start to ready (\`npm run bench:startup\`)

Time from spawning the collector to its first \`GET /readyz\` 200, on a fresh SQLite file (migrations,
system events and keys made at start), ${values.runs} runs each, alternated. Machine: ${cpus().length} cores,
load average ${loadavg()[0]!.toFixed(1)} at the end.

| collector | median ms | min ms | max ms |
|---|---|---|---|
${rows.join('\n')}
`;
console.log(markdown);
if (!values['no-write']) writeSection('startup', markdown);
