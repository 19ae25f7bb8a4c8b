import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { readEvents, startCollector, type RunningCollector } from '../support/collector-process';

// SIGTERM while ten clients post batches as fast as they can: every batch the collector acknowledged is
// stored, every batch is stored whole or not at all, and the process is gone within EVENTLINE_SHUTDOWN_MS.
describe('a graceful stop under load', () => {
  let collector: RunningCollector | undefined;
  afterEach(async () => {
    await collector?.stop();
  });

  it('keeps every acknowledged batch, writes no batch in part, and exits in time', async () => {
    const shutdownMs = 5_000;
    collector = await startCollector({ env: { EVENTLINE_SHUTDOWN_MS: String(shutdownMs) } });
    const { url, writeKey, dbPath } = collector;
    const batches: string[][] = [];
    const acknowledged = new Set<number>();
    let sending = true;

    const client = async () => {
      while (sending) {
        const uuids = Array.from({ length: 50 }, () => uuidv7());
        const index = batches.push(uuids) - 1;
        const now = Date.now();
        try {
          const res = await fetch(`${url}/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ events: uuids.map((uuid) => ({ uuid, event: 'page_view', time: now, anonymousId: `a-${index % 20}`, properties: {} })) }),
          });
          if (res.status === 200 && ((await res.json()) as { accepted: number }).accepted === 50) acknowledged.add(index);
        } catch {
          // Refused or cut off while stopping: not acknowledged, so a client would send it again.
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const clients = Array.from({ length: 10 }, client);
    await new Promise((r) => setTimeout(r, 1_500));
    const before = acknowledged.size;
    const stopping = Date.now();
    await collector.stop();
    const took = Date.now() - stopping;
    sending = false;
    await Promise.all(clients);
    collector = undefined;

    expect(before, 'the load ran before the stop').toBeGreaterThan(5);
    expect(took).toBeLessThan(shutdownMs + 1_000);
    const stored = new Set(readEvents(dbPath).map((e) => e.uuid));
    const lost = [...acknowledged].filter((i) => batches[i]!.some((uuid) => !stored.has(uuid)));
    expect(lost, 'acknowledged batches missing from the database').toEqual([]);
    const partial = batches.map((uuids, i) => ({ i, count: uuids.filter((u) => stored.has(u)).length })).filter((b) => b.count !== 0 && b.count !== 50);
    expect(partial, 'batches stored in part').toEqual([]);
  });
});
