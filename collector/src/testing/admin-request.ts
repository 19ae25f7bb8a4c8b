import type { TestCollector } from './test-collector';

/** A JSON request to `collector` with its admin key: `admin('POST', '/v1/segments', { … })`. */
export const adminRequest =
  (collector: TestCollector) =>
  (method: string, path: string, body?: unknown): Promise<Response> =>
    collector.request(method, path, { key: collector.adminKey, ...(body !== undefined && { body }) });
