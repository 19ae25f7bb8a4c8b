import { spawnSync } from 'node:child_process';

/**
 * A built file's size as `gzip -9 -c FILE` counts it (gzip's deflate and a header naming the file):
 * the measure the build's sizeBudget (rollup.config.mjs) holds bundles to.
 */
export function gzipSize(path: string): number {
  const gzip = spawnSync('gzip', ['-9', '-c', path]);
  if (gzip.status !== 0) throw new Error(`gzip -9 -c ${path} failed: ${gzip.stderr.toString() || gzip.error?.message}`);
  return gzip.stdout.length;
}
