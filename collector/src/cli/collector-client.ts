import type { DefinitionImportProblem, ErrorBody } from '@eventline/protocol';
import type { CliIo } from './cli-io';
import { UsageError } from './cli-io';

export const connectionOptions = {
  url: { type: 'string' },
  key: { type: 'string' },
} as const;

export const connectionUsage = `  --url URL    the collector (default: $EVENTLINE_URL, else http://localhost:8787)
  --key KEY    an admin key (default: $EVENTLINE_ADMIN_KEY)
`;

/** A failed request, already worded for a person: the collector's code and message, and any CSV problems. */
export class CollectorError extends Error {
  override readonly name = 'CollectorError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Requests to a running collector with an admin key. */
export class CollectorClient {
  private constructor(
    readonly url: string,
    private readonly key: string,
  ) {}

  static from(values: { url?: string | undefined; key?: string | undefined }, io: CliIo): CollectorClient {
    const url = (values.url ?? io.env.EVENTLINE_URL ?? 'http://localhost:8787').replace(/\/+$/, '');
    const key = values.key ?? io.env.EVENTLINE_ADMIN_KEY;
    if (!key) throw new UsageError('no admin key: pass --key KEY or set EVENTLINE_ADMIN_KEY');
    return new CollectorClient(url, key);
  }

  /** The response when it is 2xx; a CollectorError otherwise (or when the collector cannot be reached). */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.key}` } });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CollectorError(0, `cannot reach the collector at ${this.url} (${cause})`);
    }
    if (res.ok) return res;
    const text = await res.text();
    let body: ErrorBody | undefined;
    try {
      body = JSON.parse(text) as ErrorBody;
    } catch {
      throw new CollectorError(res.status, `the collector answered ${res.status}: ${text.slice(0, 200)}`);
    }
    const lines = [`${body.error.message} (${res.status} ${body.error.code})`];
    const problems = body.error.problems as DefinitionImportProblem[] | undefined;
    for (const p of problems ?? []) lines.push(`  row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message} [${p.code}]`);
    throw new CollectorError(res.status, lines.join('\n'));
  }
}
