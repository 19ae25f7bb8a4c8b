import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SdkUnderTest } from './sdk-peers';

/** How the collector side answers during a scenario. */
export type Fault = { kind: 'none' } | { kind: 'fail-first'; count: number; status: number } | { kind: 'poison'; event: string; status: number };

/**
 * One origin per SDK on 127.0.0.1: the page, the SDK's script and its collector endpoint, so storage
 * never mixes between SDKs and every request is same-origin. Event requests are counted; the `cl_seq`
 * property each bench event carries tells which events a request delivered. Eventline's requests go on
 * to the real collector (`forward`), whose answer is the one the SDK gets; the peers get a plain 200.
 */
export class SdkStub {
  fault: Fault = { kind: 'none' };
  requests = 0;
  failed = 0;
  /** Each cl_seq delivered (answered 2xx), and how many times. */
  readonly delivered = new Map<number, number>();
  private server = createServer((req, res) => void this.handle(req, res));

  constructor(
    readonly sdk: SdkUnderTest,
    private readonly forward?: string,
  ) {}

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.origin;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(fault: Fault = { kind: 'none' }): void {
    this.fault = fault;
    this.requests = 0;
    this.failed = 0;
    this.delivered.clear();
  }

  /** How many of `seqs` arrived at least once. */
  count(seqs: number[]): number {
    return seqs.filter((s) => this.delivered.has(s)).length;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && req.url === '/sdk.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      return void res.end(this.sdk.script);
    }
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      return void res.end(`<!doctype html><title>bench</title><script src="/sdk.js"></script><script>${this.sdk.adapter}</script>`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const text = body.toString();
    // Snowplow sends its event data as a JSON string inside JSON, hence the optional backslash.
    const seqs = [...text.matchAll(/cl_seq\\?":(\d+)/g)].map((m) => Number(m[1]));
    this.requests++;
    const fault = this.fault;
    let status = 200;
    if (fault.kind === 'fail-first' && this.requests <= fault.count) status = fault.status;
    if (fault.kind === 'poison' && text.includes(fault.event)) status = fault.status;
    let answer = '{}';
    let contentType = 'application/json';
    if (status === 200 && this.forward) {
      const upstream = await fetch(`${this.forward}${req.url}`, {
        method: req.method!,
        headers: Object.fromEntries(['content-type', 'authorization', 'content-encoding'].flatMap((h) => (req.headers[h] ? [[h, String(req.headers[h])]] : []))),
        body,
      });
      status = upstream.status;
      answer = await upstream.text();
      contentType = upstream.headers.get('content-type') ?? contentType;
    }
    if (status >= 200 && status < 300) for (const s of seqs) this.delivered.set(s, (this.delivered.get(s) ?? 0) + 1);
    else this.failed++;
    res.writeHead(status, { 'content-type': contentType });
    res.end(status >= 200 && status < 300 ? answer : JSON.stringify({ error: { code: 'bench_fault', message: `bench answers ${status}` } }));
  }
}
