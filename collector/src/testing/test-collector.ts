import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createServices } from '../create-services';
import type { Services } from '../services';
import { createTestDatabase } from './test-database';

export interface TestCollector {
  app: ReturnType<typeof createApp>;
  services: Services;
  adminKey: string;
  writeKey: string;
  /** The SQLite file; undefined when the tests run on PostgreSQL (EVENTLINE_TEST_STORE=postgres). */
  dbPath: string | undefined;
  /** JSON request with a key (the write key unless told otherwise). */
  request(method: string, path: string, options?: { body?: unknown; key?: string | null | undefined; headers?: Record<string, string> }): Promise<Response>;
  /** Stops and starts again on the same database (what a collector restart keeps), with `env` added; app and services are then the new ones. */
  restart(env?: Record<string, string>): Promise<void>;
  /** Stops; on PostgreSQL also drops the test's schema. */
  close(): Promise<void>;
}

/** Tests deliver to receivers on loopback, which a deployed collector refuses (docs/triggers.md). */
export const testTriggerTargets = { EVENTLINE_TRIGGER_ALLOWED_HOSTS: '127.0.0.1' };

/**
 * A collector in this process on a database of its own, for API tests that do not need a socket: a
 * real SQLite file, or a fresh PostgreSQL schema in the "postgres" vitest project (see test-database.ts).
 */
export async function createTestCollector(env: Record<string, string> = {}): Promise<TestCollector> {
  const database = createTestDatabase();
  const adminKey = `el_adm_test_${randomBytes(12).toString('hex')}`;
  const writeKey = `el_pub_test_${randomBytes(12).toString('hex')}`;
  const start = async (extra: Record<string, string>) => {
    const config = loadConfig({ ...database.env, EVENTLINE_ADMIN_KEY: adminKey, EVENTLINE_WRITE_KEY: writeKey, EVENTLINE_LOG: 'silent', ...testTriggerTargets, ...extra });
    return (await createServices(config)).services;
  };
  let services: Services;
  try {
    services = await start(env);
  } catch (error) {
    await database.drop();
    throw error;
  }
  const collector: TestCollector = {
    app: createApp(services),
    services,
    adminKey,
    writeKey,
    dbPath: database.dbPath,
    request(method, path, { body, key = writeKey, headers = {} } = {}) {
      const h: Record<string, string> = { ...headers };
      if (key) h.authorization = `Bearer ${key}`;
      if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
      const init: RequestInit = { method, headers: h };
      if (body !== undefined) init.body = typeof body === 'string' ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body);
      return Promise.resolve(collector.app.request(path, init));
    },
    async restart(more = {}) {
      await collector.services.store.close();
      collector.services = await start({ ...env, ...more });
      collector.app = createApp(collector.services);
    },
    async close() {
      try {
        await collector.services.store.close();
      } finally {
        await database.drop();
      }
    },
  };
  return collector;
}

/** A valid event, with what a test changes about it. */
export function makeEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { uuid: uuidv7(), event: 'page_view', time: new Date().toISOString(), anonymousId: 'anon-1', ...overrides };
}
