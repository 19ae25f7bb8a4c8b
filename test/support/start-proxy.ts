import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request through the proxy, read to its end. */
export interface ProxiedRequest {
  req: IncomingMessage;
  res: ServerResponse;
  body: Buffer;
  /** Passes the request on to the target and its answer back; with `dropAnswer`, the answer is read and the connection cut instead. */
  forward(dropAnswer?: boolean): void;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of `target`, for tests that fault or watch the SDK's sends:
 * `handle` sees each request with its whole body and forwards it, answers it, or cuts it.
 */
export function startProxy(target: string, handle: (request: ProxiedRequest) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = (dropAnswer = false) => {
        const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          if (dropAnswer) {
            answer.resume();
            answer.on('end', () => req.socket.destroy());
            return;
          }
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => req.socket.destroy());
        upstream.end(body);
      };
      handle({ req, res, body, forward });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}
