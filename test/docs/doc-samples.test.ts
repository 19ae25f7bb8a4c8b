import { describe, expect, it } from 'vitest';
import { extractCommands, mismatch } from './doc-samples';

describe('extractCommands', () => {
  it('takes the commands of sh blocks, joins continued lines and reads the answer shown under them', () => {
    const doc = [
      'Text `not a command`',
      '```sh',
      'export KEY=el_pub_…   # the write key',
      'curl -s -X POST http://localhost:8787/v1/events \\',
      "  -d '{}'",
      '# {"accepted":1}',
      'echo done',
      '# not json',
      '```',
      '```html',
      '<script>ignored()</script>',
      '```',
    ].join('\n');
    expect(extractCommands('README.md', doc)).toEqual([
      { where: 'README.md:3', command: 'export KEY=el_pub_…   # the write key' },
      { where: 'README.md:4', command: "curl -s -X POST http://localhost:8787/v1/events -d '{}'", expected: { accepted: 1 } },
      { where: 'README.md:7', command: 'echo done' },
    ]);
  });
});

describe('mismatch', () => {
  it('accepts an answer holding every field shown, with more beside them', () => {
    expect(mismatch({ accepted: 1, rejected: [] }, { accepted: 1, duplicates: 0, rejected: [] })).toBeUndefined();
  });

  it('names the first field that differs, inside arrays too', () => {
    expect(mismatch({ rejected: [{ code: 'invalid_property' }] }, { rejected: [{ code: 'missing_property' }] })).toBe(
      'rejected[0].code: expected "invalid_property", got "missing_property"',
    );
    expect(mismatch({ rejected: [] }, { rejected: [{ code: 'x' }] })).toMatch(/^rejected: expected 0 item/);
  });
});
