import type { NewKeys } from './auth/bootstrap-keys';
import type { Config } from './config';
import type { SdkScript } from './demo/sdk-script';

/** The database URL as it may be printed: never with its password. */
function redactPassword(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * What the collector prints once it listens. A key appears only if it was generated just now, and
 * then once: a key from the environment is already known to whoever set it, and stdout ends up in log
 * files and CI output that more people read than the key's owner.
 */
export function startupBanner(
  config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dbPath'>,
  keys: NewKeys,
  url: string,
  sdk?: Pick<SdkScript, 'version' | 'integrity'>,
): string {
  const store = config.databaseUrl ? `PostgreSQL at ${redactPassword(config.databaseUrl)} (schema ${config.databaseSchema})` : `SQLite at ${config.dbPath}`;
  const lines = [`eventline collector listening on ${url}`, `  store: ${store}`];
  for (const { scope, key } of keys.generated) {
    lines.push(`  new ${scope === 'admin' ? 'admin key' : 'write key (public, for SDKs)'}: ${key}   (shown once: keep it)`);
  }
  lines.push(`  console: ${url}/console   (log in with the admin key)`);
  lines.push(`  demo page: ${url}/demo?key=<write key>`);
  lines.push(`  live debugger: ${url}/debug`);
  lines.push(`  health: ${url}/healthz  ready: ${url}/readyz`);
  if (sdk) lines.push(`  script tag, pinned: ${url}/sdk/${sdk.version}/eventline.min.js  integrity="${sdk.integrity}"`);
  return `${lines.join('\n')}\n`;
}
