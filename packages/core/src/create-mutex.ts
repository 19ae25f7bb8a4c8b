/**
 * An in-process lock by name, the stand-in for `Platform.lock` where the platform has no shared one
 * (one mini-program instance, Node). Callers run strictly in the order they asked.
 */
export function createMutex(): <T>(name: string, fn: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (name, fn) => {
    const previous = tails.get(name) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return result;
  };
}
