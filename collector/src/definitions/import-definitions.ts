import type { DefinitionImportProblem, EventDefinition } from '@eventline/protocol';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { listProblems } from './listed-problems';
import { idConflict } from './new-definition';
import { parseDefinitionsCsv } from './parse-definitions-csv';

const unprocessable = (all: DefinitionImportProblem[]) => {
  const { problems, problemCount, rowCount } = listProblems(all);
  const listed = problems.length < problemCount ? `; the first ${problems.length} are listed` : '';
  return new HttpError(422, 'unprocessable', `nothing was imported: ${problemCount} problem(s) on ${rowCount} row(s)${listed}`, { problems, problemCount });
};

/**
 * Creates every event of a batch-creation CSV, or none: any problem answers 422 with the first
 * problems as `{ row, column, code, message }` and `problemCount`, all of them. The cache is reloaded so the next event sees the new definitions.
 */
export async function importDefinitions(services: Pick<Services, 'store' | 'caches' | 'config'>, file: Uint8Array): Promise<EventDefinition[]> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    // Excel in a Chinese locale saves "CSV" as GBK: read as UTF-8 it would import garbled names.
    throw unprocessable([{ row: 1, column: null, code: 'not_utf8', message: 'the file is not UTF-8: in Excel, save it as "CSV UTF-8 (Comma delimited)"' }]);
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const row = text.slice(0, nul).split('\n').length;
    throw unprocessable([{ row, column: null, code: 'nul_character', message: 'the row contains a NUL character (U+0000), which cannot be stored' }]);
  }
  const { stages } = services.config;
  const { definitions, problems } = parseDefinitionsCsv(text, stages);
  for (const { definition, row } of definitions) {
    const conflict = await idConflict(services.store.definitions, definition, stages);
    if (conflict) problems.push({ row, column: 'event_id', code: 'id_taken', message: conflict });
  }
  if (problems.length > 0) throw unprocessable(problems);
  const created = definitions.map((d) => d.definition);
  await services.store.definitions.create(...created);
  await services.caches.changed('definitions');
  return created;
}
