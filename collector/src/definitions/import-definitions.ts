import type { EventDefinition } from '@eventline/protocol';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { idConflict } from './new-definition';
import { parseDefinitionsCsv } from './parse-definitions-csv';

/**
 * Creates every event of a batch-creation CSV, or none: any problem answers 422 with all of them as
 * `{ row, column, code, message }`. The cache is reloaded so the next event sees the new definitions.
 */
export async function importDefinitions(services: Pick<Services, 'store' | 'definitions' | 'config'>, text: string): Promise<EventDefinition[]> {
  const { stages } = services.config;
  const { definitions, problems } = parseDefinitionsCsv(text, stages);
  for (const { definition, row } of definitions) {
    const conflict = await idConflict(services.store.definitions, definition, stages);
    if (conflict) problems.push({ row, column: 'event_id', code: 'id_taken', message: conflict });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row);
    const rows = new Set(problems.map((p) => p.row)).size;
    throw new HttpError(422, 'unprocessable', `nothing was imported: ${problems.length} problem(s) on ${rows} row(s)`, { problems });
  }
  const created = definitions.map((d) => d.definition);
  await services.store.definitions.create(...created);
  await services.definitions.load();
  return created;
}
