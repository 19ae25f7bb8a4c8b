import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { activenessLevel, activenessRange, parseActivenessLevels } from './activeness-levels';

describe('activeness levels', () => {
  const levels = loadConfig({}).activenessLevels;

  it('default to low < 10 ≤ medium < 50 ≤ high, negative activeness being low', () => {
    expect([-20, 0, 9, 10, 49, 50, 1000].map((a) => activenessLevel(a, levels))).toEqual(['low', 'low', 'low', 'medium', 'medium', 'high', 'high']);
    expect(activenessRange('medium', levels)).toEqual({ min: 10, max: 50 });
    expect(activenessRange('low', levels)).toEqual({ min: null, max: 10 });
    expect(activenessRange('high', levels)).toEqual({ min: 50, max: null });
    expect(activenessRange('huge', levels)).toBeUndefined();
  });

  it('are read lowest first as name[:min]', () => {
    expect(parseActivenessLevels('cold, warm:0, hot:100')).toEqual([
      { name: 'cold', min: null },
      { name: 'warm', min: 0 },
      { name: 'hot', min: 100 },
    ]);
  });

  it.each([
    ['low:0,high:10', /lowest level "low" takes no minimum/],
    ['low,high', /"high" needs a minimum/],
    ['low,medium:50,high:10', /must rise/],
    ['low,high:ten', /integer/],
    ['low,low:5', /named twice/],
    ['low,High Level:5', /not name or name:min/],
  ])('refuse %s at start, naming the variable', (value, message) => {
    expect(() => loadConfig({ EVENTLINE_ACTIVENESS_LEVELS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ EVENTLINE_ACTIVENESS_LEVELS: value })).toThrow(message);
    expect(() => loadConfig({ EVENTLINE_ACTIVENESS_LEVELS: value })).toThrow(/EVENTLINE_ACTIVENESS_LEVELS/);
  });

  it('go with strong identity types that must be known types', () => {
    expect(loadConfig({}).strongIdentityTypes).toEqual(['external_id', 'mobile', 'wechat_unionid']);
    expect(() => loadConfig({ EVENTLINE_STRONG_IDENTITY_TYPES: 'mobile,passport' })).toThrow(/EVENTLINE_STRONG_IDENTITY_TYPES: unknown identity types passport/);
  });
});
