import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError, type CliCommand } from './cli-io';
import { CollectorClient, CollectorError, connectionOptions } from './collector-client';
import { parseCommandArgs } from './parse-command-args';

const usage = `usage: eventline types [--out FILE] [options]

  Writes TypeScript declarations of the collector's event definitions (EventlineEvents), so that
  createTracker<EventlineEvents>() from @eventline/web or @eventline/miniprogram checks every track
  call: event ids, property names and types, required properties. See docs/devloop.md.

  --out FILE   where to write them, e.g. src/eventline.d.ts (default: standard output)
  --url URL    the collector (default: $EVENTLINE_URL, else http://localhost:8787)
  --key KEY    a read or admin key (default: $EVENTLINE_READ_KEY, else $EVENTLINE_ADMIN_KEY)
`;

/** `eventline types`: GET /v1/definitions/types.d.ts, written to a file. */
export const typesCommand: CliCommand = {
  summary: 'TypeScript declarations of the event definitions, for typed track calls',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...connectionOptions, out: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
    const key = values.key ?? io.env.EVENTLINE_READ_KEY ?? io.env.EVENTLINE_ADMIN_KEY;
    if (!key) throw new UsageError('no key: pass --key KEY or set EVENTLINE_READ_KEY (a read or admin key)');
    const client = CollectorClient.from({ url: values.url, key }, io);
    let types: string;
    try {
      types = await (await client.request('/v1/definitions/types.d.ts')).text();
    } catch (error) {
      if (!(error instanceof CollectorError)) throw error;
      io.stderr(`eventline: ${error.message}\n`);
      return 1;
    }
    if (!values.out) {
      io.stdout(types);
      return 0;
    }
    await mkdir(dirname(values.out), { recursive: true });
    await writeFile(values.out, types);
    io.stderr(`wrote ${values.out}\n`);
    return 0;
  },
};
