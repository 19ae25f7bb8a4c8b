import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The built script-tag SDK as served: its bytes, version, strong ETag and Subresource Integrity hash. */
export interface SdkScript {
  body: string;
  version: string;
  etag: string;
  /** `sha384-…`, for `<script integrity>` on the versioned URL. */
  integrity: string;
}

/**
 * Reads the script tag `npm run build` wrote, once: it does not change while the collector runs, and
 * a versioned URL promises the same bytes for as long as anyone caches them. Undefined when not built.
 */
export async function loadSdkScript(): Promise<SdkScript | undefined> {
  let body: string;
  let version: string;
  try {
    const file = require.resolve('@eventline/web/eventline.min.js');
    body = await readFile(file, 'utf8');
    // The package's own version (its exports map does not export package.json): dist/ sits beside it.
    version = (JSON.parse(await readFile(join(dirname(file), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
  return {
    body,
    version,
    etag: `"${createHash('sha256').update(body).digest('base64url')}"`,
    integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`,
  };
}
