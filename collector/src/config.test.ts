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
