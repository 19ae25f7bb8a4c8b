type Lock = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/**
 * One holder at a time across every tab of the origin, through Web Locks. Where they are missing
 * (Safari before 15.4) this is undefined and core falls back to its in-tab mutex: each tab then
 * serialises only its own writes and sends, and the collector's uuid dedupe absorbs a double send.
 * A localStorage lease would cover more, but cost ~300 bytes of the 5 KB budget for a few % of browsers.
 */
export function createWebLock(): Lock | undefined {
  const locks = globalThis.navigator?.locks;
  return locks?.request ? (name, fn) => locks.request(name, fn) as Promise<never> : undefined;
}
