import type { AlipayApi, MiniProgramHost, WxApi } from './mini-program-api';

/**
 * The host object from the globals. Alipay and ByteDance are looked at first: cross-platform
 * frameworks sometimes alias `wx` on them, never the other way round.
 */
export function detectHost(): MiniProgramHost | undefined {
  const g = globalThis as { my?: AlipayApi; tt?: WxApi; wx?: WxApi };
  if (typeof g.my?.request === 'function') return { name: 'my', api: g.my };
  if (typeof g.tt?.request === 'function') return { name: 'tt', api: g.tt };
  if (typeof g.wx?.request === 'function') return { name: 'wx', api: g.wx };
  return undefined;
}
