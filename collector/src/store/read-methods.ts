import type { Store } from './store';

/**
 * The reads that can take long (a scan over many events), by sub-store: both stores run them apart
 * from ingest, SQLite on reader threads, PostgreSQL on a pool of its own. Short lookups by key stay
 * where they are: moving them would cost more than they take.
 */
export const readMethods = {
  analysis: ['filterCustomers', 'lastEvent', 'distribution', 'funnel'],
  customers: ['listByActiveness', 'timeline', 'tagCounts'],
  segments: ['identitiesOf'],
  events: ['page'],
} as const satisfies { [S in keyof Store]?: readonly (keyof Store[S])[] };

export type ReadSub = keyof typeof readMethods;

/** One read, as it crosses to where it runs: every argument and result survives a structured clone. */
export interface ReadCall {
  sub: ReadSub;
  method: string;
  args: unknown[];
}

/** Export pages are exempt from the query time limit: each is one bounded chunk of a stream that may rightly run for hours. */
export const isExportPage = (sub: ReadSub, method: string) => sub === 'events' && method === 'page';

type Reads = { [S in ReadSub]: object };

/** `queries` with each read method answered by `read` instead; everything else as it was. */
export function routeReads<Q extends Reads>(queries: Q, read: (call: ReadCall) => Promise<unknown>): Q {
  const routed = { ...queries };
  for (const sub of Object.keys(readMethods) as ReadSub[]) {
    const methods = Object.fromEntries(readMethods[sub].map((method) => [method, (...args: unknown[]) => read({ sub, method, args })]));
    (routed as Reads)[sub] = { ...queries[sub], ...methods };
  }
  return routed;
}
