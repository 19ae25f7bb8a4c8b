import { limits } from '@eventline/protocol';
import { expect, it } from 'vitest';
import { HttpError } from '../errors/http-error';
import { parseJsonBody } from './parse-json-body';

const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

it(`parses bodies nested up to ${limits.maxJsonDepth} levels and refuses deeper ones as invalid_json`, () => {
  expect(() => parseJsonBody(nested(limits.maxJsonDepth))).not.toThrow();
  expect(() => parseJsonBody(nested(limits.maxJsonDepth + 1))).toThrow(HttpError);
  expect(() => parseJsonBody(nested(100_000))).toThrow(/more than 32 levels/);
});

it('does not count brackets inside strings, escaped quotes included', () => {
  const text = JSON.stringify({ events: [{ title: `${'['.repeat(200)} \\" {{{ "` }] });
  expect(parseJsonBody(text)).toEqual(JSON.parse(text));
});

it('names malformed JSON', () => {
  expect(() => parseJsonBody('{"events": [')).toThrow(/not JSON/);
});
