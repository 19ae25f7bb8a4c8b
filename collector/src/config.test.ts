import { availableParallelism } from 'node:os';
import { expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

it('has the documented defaults', () => {
  expect(loadConfig({})).toMatchObject({ port: 8787, dbPath: './data/eventline.db', synchronous: 'FULL', adminKey: undefined });
});

it('names the variable that is wrong', () => {
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  expect(() => loadConfig({ EVENTLINE_ADMIN_KEY: 'short' })).toThrow(/EVENTLINE_ADMIN_KEY: must be at least 16/);
  expect(() => loadConfig({ EVENTLINE_IDENTITY_PRIORITY: 'mobile,passport' })).toThrow(/passport/);
});

it('reads lists from comma-separated values', () => {
  expect(loadConfig({ EVENTLINE_WRITE_KEY_ORIGINS: 'https://a.example, https://b.example' }).writeKeyOrigins).toEqual(['https://a.example', 'https://b.example']);
});

it('reads the trigger allow list and the WeChat replay window, refusing entries that are no host, address or CIDR', () => {
  expect(loadConfig({})).toMatchObject({ triggerAllowedHosts: [], wechatReplayWindowMs: 300_000 });
  expect(loadConfig({ EVENTLINE_TRIGGER_ALLOWED_HOSTS: 'hooks.internal, 10.1.0.0/16,fd00::/8' }).triggerAllowedHosts).toEqual(['hooks.internal', '10.1.0.0/16', 'fd00::/8']);
  expect(() => loadConfig({ EVENTLINE_TRIGGER_ALLOWED_HOSTS: '10.0.0.0/40' })).toThrow(/EVENTLINE_TRIGGER_ALLOWED_HOSTS: not a host name, an IP address or a CIDR: 10.0.0.0\/40/);
  expect(loadConfig({ EVENTLINE_WECHAT_REPLAY_WINDOW_S: '60' }).wechatReplayWindowMs).toBe(60_000);
  expect(() => loadConfig({ EVENTLINE_WECHAT_REPLAY_WINDOW_S: '5' })).toThrow(/EVENTLINE_WECHAT_REPLAY_WINDOW_S/);
});

it('turns metrics off only when told to, and refuses a metrics port with metrics off', () => {
  expect(loadConfig({}).metricsEnabled).toBe(true);
  expect(loadConfig({ EVENTLINE_METRICS: 'off' }).metricsEnabled).toBe(false);
  expect(() => loadConfig({ EVENTLINE_METRICS: 'no' })).toThrow(/EVENTLINE_METRICS/);
  expect(() => loadConfig({ EVENTLINE_METRICS: 'off', EVENTLINE_METRICS_PORT: '9464' })).toThrow(/EVENTLINE_METRICS_PORT: must be unset when EVENTLINE_METRICS is off/);
});

it('reads how many deliveries may be in flight at once, 32 unless set, at least one', () => {
  expect(loadConfig({}).deliveryConcurrency).toBe(32);
  expect(loadConfig({ EVENTLINE_DELIVERY_CONCURRENCY: '4' }).deliveryConcurrency).toBe(4);
  expect(() => loadConfig({ EVENTLINE_DELIVERY_CONCURRENCY: '0' })).toThrow(/EVENTLINE_DELIVERY_CONCURRENCY/);
});

it('reads the read path: reader threads, their queue, the query time limit and the PostgreSQL pools', () => {
  expect(loadConfig({})).toMatchObject({ reads: { threads: Math.max(1, availableParallelism() - 1), queue: 64, timeoutMs: 10_000 }, pgPools: { write: 10, read: 5 } });
  expect(
    loadConfig({ EVENTLINE_READ_THREADS: '4', EVENTLINE_READ_QUEUE: '0', EVENTLINE_QUERY_TIMEOUT_MS: '0', EVENTLINE_PG_WRITE_POOL: '20', EVENTLINE_PG_READ_POOL: '3' }),
  ).toMatchObject({ reads: { threads: 4, queue: 0, timeoutMs: 0 }, pgPools: { write: 20, read: 3 } });
  expect(() => loadConfig({ EVENTLINE_READ_THREADS: '0' })).toThrow(/EVENTLINE_READ_THREADS: must be at least 1/);
  expect(() => loadConfig({ EVENTLINE_READ_QUEUE: '-1' })).toThrow(/EVENTLINE_READ_QUEUE: must be 0 or more/);
  expect(() => loadConfig({ EVENTLINE_QUERY_TIMEOUT_MS: '5' })).toThrow(/EVENTLINE_QUERY_TIMEOUT_MS: must be 0 \(no limit\) or at least 10 ms/);
  expect(() => loadConfig({ EVENTLINE_QUERY_TIMEOUT_MS: '1.5' })).toThrow(/EVENTLINE_QUERY_TIMEOUT_MS: must be a whole number/);
  expect(() => loadConfig({ EVENTLINE_PG_READ_POOL: '0' })).toThrow(/EVENTLINE_PG_READ_POOL: must be at least 1/);
});
