import { afterAll, describe, expect, it } from 'vitest';
import { conformanceEngines, newEvent } from './conformance-stores';

const noBatch = { quarantine: [] };
const day = 86_400_000;

describe.each(conformanceEngines)('store conformance, retention: $name', (engine) => {
  describe.skipIf(engine.skip)(engine.name, () => {
    afterAll(() => engine.cleanup());

    it('removes the events before the cutoff with their tags and deliveries, whole months and the month it falls in, and nothing after', async () => {
      const store = await engine.database().open();
      const cutoff = Date.UTC(2026, 2, 15);
      // January and February wholly before the cutoff (a PostgreSQL partition each), March on both sides of it.
      const old = [Date.UTC(2026, 0, 3), Date.UTC(2026, 0, 28), Date.UTC(2026, 1, 10), cutoff - day].map((time, i) =>
        newEvent({ time, clientTime: time, anonymousId: `old-${i}`, tags: ['sale'], triggers: ['t-1'] }),
      );
      const kept = [cutoff, cutoff + day, Date.UTC(2026, 3, 2)].map((time, i) => newEvent({ time, clientTime: time, anonymousId: `kept-${i}`, tags: ['sale'], triggers: ['t-1'] }));
      await store.events.write({ events: [...old, ...kept], ...noBatch });
      const now = Date.UTC(2026, 5, 1);
      expect((await store.triggers.outboxStats(now)).due).toBe(7);

      let removed = 0;
      for (let round = 0; round < 10; round++) {
        const n = await store.retention.removeEventsBefore(cutoff, 2);
        if (n === 0) break;
        removed += n;
      }
      expect(removed).toBe(4);
      for (const e of old) expect(await store.events.get(e.uuid)).toBeUndefined();
      for (const e of kept) expect((await store.events.get(e.uuid))?.tags).toEqual(['sale']);
      const page = await store.events.page({ tag: 'sale', limit: 100 });
      expect(page.items.map((e) => e.uuid).sort()).toEqual(kept.map((e) => e.uuid).sort());
      expect((await store.triggers.outboxStats(now)).due).toBe(3);
      // An id removed with its event may be recorded again (its dedupe entry went with it).
      expect(await store.events.write({ events: [old[0]!], ...noBatch })).toEqual(['accepted']);
      expect(await store.retention.removeEventsBefore(Date.UTC(2025, 0, 1), 100)).toBe(0);
    });
  });
});
