import type { EventDefinition } from '@eventline/protocol';
import { stringify } from 'csv-stringify/sync';
import { escapeCsvFormula } from './csv-formula-escape';

/** The batch-creation template's header; an import whose header differs is refused. */
export const definitionCsvHeader = ['event_name', 'event_id', 'event_type', 'score', 'stage', 'property_name', 'property_id', 'property_type'] as const;

export type DefinitionCsvColumn = (typeof definitionCsvHeader)[number];

/** Definitions as template rows: one per property, the event's columns repeated on each; one row if none. */
export function toDefinitionCsv(definitions: readonly EventDefinition[]): string {
  const rows: string[][] = [];
  for (const d of definitions) {
    const event = [d.name, d.id, d.type, d.score === null ? '' : String(d.score), d.stage ?? ''];
    if (d.properties.length === 0) rows.push([...event, '', '', '']);
    for (const p of d.properties) rows.push([...event, p.name, p.id, p.type]);
  }
  // The BOM and CRLF are what Excel needs to open UTF-8 (Chinese names) as UTF-8 rather than a local code page.
  return stringify(rows.map((row) => row.map(escapeCsvFormula)), { header: true, columns: [...definitionCsvHeader], bom: true, record_delimiter: 'windows' });
}
