import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-io';
import { parseCommandArgs } from './parse-command-args';

const options = { out: { type: 'string' }, json: { type: 'boolean' } } as const;

describe('parseCommandArgs', () => {
  it('answers the options and the positionals', () => {
    const { values, positionals } = parseCommandArgs(['export', '--json', '--out', 'x.csv'], options);
    expect(values).toEqual({ json: true, out: 'x.csv' });
    expect(positionals).toEqual(['export']);
  });

  it('turns an unknown or malformed option into a usage error', () => {
    expect(() => parseCommandArgs(['--nope'], options)).toThrow(UsageError);
    expect(() => parseCommandArgs(['--out'], options)).toThrow(UsageError);
  });
});
