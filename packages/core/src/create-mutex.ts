/**
 * An in-process lock by name, the stand-in for `Platform.lock` where the platform has no shared one
 * (one mini-program instance, Node, a browser without Web Locks). Callers run strictly in the order
 * they asked; one that fails does not block the next.
 */
export function createMutex(): <T>(name: string, fn: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (name, fn) => {
    const result = (tails.get(name) ?? Promise.resolve()).then(fn);
    tails.set(
      name,
      result.catch(() => undefined),
    );
    return result;
  };
}
