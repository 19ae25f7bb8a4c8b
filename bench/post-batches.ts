import autocannon from 'autocannon';

/** Posts a fresh batch from `body()` to a collector's /v1/events over `connections` for `duration` seconds. */
export function postBatches(options: { url: string; writeKey: string; connections: number; duration: number; body: () => string }) {
  return autocannon({
    url: `${options.url}/v1/events`,
    method: 'POST',
    connections: options.connections,
    duration: options.duration,
    headers: { authorization: `Bearer ${options.writeKey}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: options.body() }) }],
  });
}
