import { expect, it } from 'vitest';
import { prettyJson } from './pretty-json';

it('indents JSON for reading and keeps what is not JSON as it came', () => {
  expect(prettyJson('{"event":"cl_x","properties":{"a":1}}')).toBe('{\n  "event": "cl_x",\n  "properties": {\n    "a": 1\n  }\n}');
  expect(prettyJson('{"event":')).toBe('{"event":');
});
