import { expect, it } from 'vitest';
import { launchProperties } from './launch-properties';

it('gives the scene as a number, the path, and the query as a URL query string', () => {
  expect(launchProperties({ scene: 1047, path: 'pages/item/item', query: { id: '7', q: 'a&b' } })).toEqual({ scene: 1047, path: 'pages/item/item', query: 'id=7&q=a%26b' });
});

it('reads Alipay’s scene given as digits, and leaves out what is missing', () => {
  expect(launchProperties({ scene: '1011', query: {} })).toEqual({ scene: 1011 });
  expect(launchProperties({ scene: 'unknown', path: '' })).toEqual({ path: '' });
});
