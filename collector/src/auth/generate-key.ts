import { randomBytes } from 'node:crypto';
import type { Scope } from '../store/store';

const prefixes: Record<Scope, string> = { ingest: 'pub', server: 'srv', read: 'read', admin: 'adm' };

/** A new key: its scope readable in the prefix (so a leaked key is recognised), 192 random bits. */
export function generateKey(scope: Scope): string {
  return `el_${prefixes[scope]}_${randomBytes(24).toString('base64url')}`;
}
