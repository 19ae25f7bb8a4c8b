import type { ActivenessLevel } from './activeness-levels';
import type { CustomerRecord, EventPosition, Store } from '../store/store';
import { identityKey } from '../store/identity-key';
import { customerSummary } from './customer-summary';
import { quarantineNames } from './quarantine-names';

/** One part of an export, in this order: the customer, then each tag count, event, quarantined event, delivery. */
export type ExportPart =
  | { kind: 'customer'; data: unknown }
  | { kind: 'tag'; data: unknown }
  | { kind: 'event'; data: unknown }
  | { kind: 'quarantine'; data: unknown }
  | { kind: 'delivery'; data: unknown };

export type ExportCounts = { tags: number; events: number; quarantine: number; deliveries: number };

/** Rows per store query: memory holds about one page at a time, whatever the customer's size. */
const pageSize = 500;

/**
 * Everything held about one live customer, read a page at a time. `done` is told the counts once the
 * export ends, also when it was cut short (`complete` false): the audit log records it either way.
 */
export async function* customerExport(
  store: Store,
  customer: CustomerRecord,
  levels: readonly ActivenessLevel[],
  done: (counts: ExportCounts, complete: boolean) => Promise<void>,
): AsyncGenerator<ExportPart> {
  const counts: ExportCounts = { tags: 0, events: 0, quarantine: 0, deliveries: 0 };
  let complete = false;
  try {
    yield { kind: 'customer', data: customerSummary(customer, levels) };
    for (const tag of await store.customers.tagCounts(customer.id, Number.MAX_SAFE_INTEGER)) {
      counts.tags++;
      yield { kind: 'tag', data: tag };
    }
    for (let after: EventPosition | undefined; ; ) {
      const page = await store.events.page({ customerId: customer.id, limit: pageSize, ...(after ? { after } : {}) });
      for (const event of page.items) {
        counts.events++;
        yield { kind: 'event', data: event };
      }
      if (!page.next) break;
      after = page.next;
    }
    const names = new Set(customer.identities.map(identityKey));
    for (let cursor: number | undefined; ; ) {
      const page = await store.quarantine.list({ limit: pageSize, ...(cursor !== undefined ? { cursor } : {}) });
      for (const entry of page.items) {
        if (!quarantineNames(entry.raw, names)) continue;
        counts.quarantine++;
        yield { kind: 'quarantine', data: entry };
      }
      if (page.nextCursor === null) break;
      cursor = Number(page.nextCursor);
    }
    for (let afterId: string | undefined; ; ) {
      const page = await store.erasure.deliveriesAbout(customer.id, { limit: pageSize, ...(afterId !== undefined ? { afterId } : {}) });
      for (const delivery of page) {
        counts.deliveries++;
        yield { kind: 'delivery', data: delivery };
      }
      if (page.length < pageSize) break;
      afterId = page[page.length - 1]!.id;
    }
    complete = true;
  } finally {
    await done(counts, complete);
  }
}
