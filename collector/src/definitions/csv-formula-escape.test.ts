import { describe, expect, it } from 'vitest';
import { escapeCsvFormula, unescapeCsvFormula } from './csv-formula-escape';

describe('CSV formula escaping', () => {
  it.each(['=HYPERLINK("http://evil.test","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', "'=1", "'quoted'"])('quotes %j and reads it back', (name) => {
    expect(escapeCsvFormula(name)).toBe(`'${name}`);
    expect(unescapeCsvFormula(escapeCsvFormula(name))).toBe(name);
  });

  it.each(['Add to cart', '购买商品', '-5', '12', "it's", ''])('leaves %j as it is', (cell) => {
    expect(escapeCsvFormula(cell)).toBe(cell);
    expect(unescapeCsvFormula(cell)).toBe(cell);
  });
});
