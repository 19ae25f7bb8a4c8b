import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createServices } from '../create-services';
import type { Services } from '../services';

export interface TestCollector {
  app: ReturnType<typeof createApp>;
  services: Services;
  adminKey: string;
  writeKey: string;
  dbPath: string;
  /** JSON request with a key (the write key unless told otherwise). */
  request(method: string, path: string, options?: { body?: unknown; key?: string | null | undefined; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

/** A collector in this process on a real SQLite file, for API tests that do not need a socket. */
export async function createTestCollector(env: Record<string, string> = {}): Promise<TestCollector> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'eventline-')), 'eventline.db');
  const adminKey = `el_adm_test_${randomBytes(12).toString('hex')}`;
  const writeKey = `el_pub_test_${randomBytes(12).toString('hex')}`;
  const config = loadConfig({ EVENTLINE_DB: dbPath, EVENTLINE_ADMIN_KEY: adminKey, EVENTLINE_WRITE_KEY: writeKey, EVENTLINE_LOG: 'silent', ...env });
  const { services } = await createServices(config);
  const app = createApp(services);
  return {
    app,
    services,
    adminKey,
    writeKey,
    dbPath,
    request(method, path, { body, key = writeKey, headers = {} } = {}) {
      const h: Record<string, string> = { ...headers };
      if (key) h.authorization = `Bearer ${key}`;
      if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
      const init: RequestInit = { method, headers: h };
      if (body !== undefined) init.body = typeof body === 'string' ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body);
      return Promise.resolve(app.request(path, init));
    },
    close: () => services.store.close(),
  };
}

/** A valid event, with what a test changes about it. */
export function makeEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { uuid: uuidv7(), event: 'page_view', time: new Date().toISOString(), anonymousId: 'anon-1', ...overrides };
}
