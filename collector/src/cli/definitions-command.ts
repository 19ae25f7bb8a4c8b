import { readFile, writeFile } from 'node:fs/promises';
import { UsageError, type CliCommand } from './cli-io';
import { CollectorClient, CollectorError, connectionOptions, connectionUsage } from './collector-client';
import { parseCommandArgs } from './parse-command-args';

const usage = `usage: eventline definitions <import FILE.csv | export [--json] | template> [options]

  import FILE.csv   create every event of a filled-in template, all or nothing; problems are listed by row
  export            every custom event, in the template format (--json: as creation requests)
  template          the batch-creation template with its example rows

${connectionUsage}  --out FILE   write export/template to FILE instead of standard output
`;

/** `eventline definitions …`: batch creation and export against a running collector. */
export const definitionsCommand: CliCommand = {
  summary: 'import, export and the CSV template of event definitions',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...connectionOptions, json: { type: 'boolean' }, out: { type: 'string' } });
    const [action, file, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const client = CollectorClient.from(values, io);

    // Bytes, not text: the collector's CSV starts with the BOM that makes Excel read it as UTF-8.
    const save = async (text: string | Uint8Array) => {
      if (values.out) {
        await writeFile(values.out, text);
        io.stderr(`wrote ${values.out}\n`);
      } else io.stdout(text);
    };

    try {
      switch (action) {
        case 'import': {
          if (!file) throw new UsageError('import needs the CSV file: eventline definitions import FILE.csv');
          let body: Buffer;
          try {
            body = await readFile(file);
          } catch (error) {
            io.stderr(`eventline: cannot read ${file}: ${(error as Error).message}\n`);
            return 1;
          }
          const res = await client.request('/v1/definitions/import', { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'text/csv' } });
          const { created, ids } = (await res.json()) as { created: number; ids: string[] };
          io.stdout(`created ${created} event${created === 1 ? '' : 's'}: ${ids.join(', ')}\n`);
          return 0;
        }
        case 'export': {
          const res = await client.request(values.json ? '/v1/definitions/export.json' : '/v1/definitions/export.csv');
          await save(values.json ? `${JSON.stringify(await res.json(), null, 2)}\n` : new Uint8Array(await res.arrayBuffer()));
          return 0;
        }
        case 'template':
          await save(new Uint8Array(await (await client.request('/v1/definitions/template.csv')).arrayBuffer()));
          return 0;
        default:
          throw new UsageError(action ? `unknown action "${action}"` : 'say what to do: import, export or template');
      }
    } catch (error) {
      if (!(error instanceof CollectorError)) throw error;
      io.stderr(`eventline: ${error.message}\n`);
      return 1;
    }
  },
};
