import { afterEach, beforeEach } from 'vitest';
import { createTestCollector, type TestCollector } from './test-collector';

/**
 * A fresh test collector (its own database) for each test of the file, closed after it. Called once at
 * the top of a file or `describe`; what it answers always stands for the running test's collector, so
 * the file uses it like the `let` it replaces, without the `beforeEach`/`afterEach` pair.
 */
export function collectorPerTest(env: Record<string, string> = {}): TestCollector {
  let current: TestCollector | undefined;
  beforeEach(async () => {
    current = await createTestCollector(env);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as TestCollector, {
    get(_, name) {
      if (!current) throw new Error('the test collector exists only while a test runs');
      const value: unknown = Reflect.get(current, name);
      return typeof value === 'function' ? value.bind(current) : value;
    },
    set(_, name, value) {
      if (!current) throw new Error('the test collector exists only while a test runs');
      return Reflect.set(current, name, value);
    },
  });
}
