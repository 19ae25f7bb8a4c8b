import { customIdPattern, eventTypes, propertyTypes, type DefinitionImportProblem, type EventDefinition, type EventType, type PropertyType } from '@eventline/protocol';
import { CsvError, parse } from 'csv-parse/sync';
import { unescapeCsvFormula } from './csv-formula-escape';
import { definitionCsvHeader, type DefinitionCsvColumn } from './definition-csv';
import { quoted } from './listed-problems';

/** An import creates at most this many events: one statement writes them all, all or none. */
export const maxImportedEvents = 1000;

export interface ParsedDefinition {
  definition: EventDefinition;
  /** The event's first row. */
  row: number;
}

export interface ParsedDefinitionsCsv {
  definitions: ParsedDefinition[];
  problems: DefinitionImportProblem[];
}

type Row = Record<DefinitionCsvColumn, string>;

/**
 * Reads a batch-creation CSV into custom definitions, collecting every problem rather than stopping
 * at the first. Rows are counted as a spreadsheet shows them: the header is row 1.
 */
export function parseDefinitionsCsv(text: string, stages: readonly string[]): ParsedDefinitionsCsv {
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = (error as CsvError & { records?: number }).records;
    return { definitions: [], problems: [{ row: (row ?? 0) + 1, column: null, code: 'csv_syntax', message: `the file is not valid CSV: ${error.message}` }] };
  }

  const header = records[0] ?? [];
  if (header.join(',') !== definitionCsvHeader.join(',')) {
    return {
      definitions: [],
      problems: [{ row: 1, column: null, code: 'header_changed', message: `the header must be exactly: ${definitionCsvHeader.join(',')} (found: ${quoted(header.join(','))})` }],
    };
  }

  const problems: DefinitionImportProblem[] = [];
  const byId = new Map<string, { parsed: ParsedDefinition; first: Row }>();
  records.forEach((cells, index) => {
    const row = index + 1;
    if (index === 0 || cells.every((c) => c === '')) return;
    const problem = (column: DefinitionCsvColumn | null, code: string, message: string) => problems.push({ row, column, code, message });
    if (cells.length !== definitionCsvHeader.length) {
      problem(null, 'column_count', `the row has ${cells.length} columns; the template has ${definitionCsvHeader.length}`);
      return;
    }
    const r = Object.fromEntries(definitionCsvHeader.map((name, i) => [name, unescapeCsvFormula(cells[i]!)])) as Row;
    const before = problems.length;

    if (r.event_name === '') problem('event_name', 'missing_value', 'every row needs the event name');
    else if (r.event_name.length > 64) problem('event_name', 'too_long', 'an event name has at most 64 characters');
    if (!customIdPattern.test(r.event_id) || r.event_id.length > 32) {
      problem('event_id', 'invalid_event_id', `${quoted(r.event_id)}: a custom event id starts with cl_, has only a-z, 0-9 and _, and at most 32 characters`);
    }
    if (!(eventTypes as readonly string[]).includes(r.event_type)) problem('event_type', 'invalid_event_type', `${quoted(r.event_type)}: the event type is inbound or outbound`);
    if (r.score !== '') {
      if (r.event_type === 'outbound') problem('score', 'score_on_outbound', 'an outbound event has no score: only inbound events are scored; leave it empty');
      else if (!/^-?\d+$/.test(r.score) || Math.abs(Number(r.score)) > 1000) problem('score', 'invalid_score', `${quoted(r.score)}: the score is a whole number from -1000 to 1000`);
    }
    if (r.stage !== '' && !stages.includes(r.stage)) problem('stage', 'unknown_stage', `${quoted(r.stage)} is not a lifecycle stage; the stages are ${stages.join(', ')}`);

    const hasProperty = r.property_name !== '' || r.property_id !== '' || r.property_type !== '';
    if (hasProperty) {
      if (r.property_name === '') problem('property_name', 'missing_value', 'a property needs a name');
      else if (r.property_name.length > 64) problem('property_name', 'too_long', 'a property name has at most 64 characters');
      if (!customIdPattern.test(r.property_id) || r.property_id.length > 32) {
        problem('property_id', 'invalid_property_id', `${quoted(r.property_id)}: a custom property id starts with cl_, has only a-z, 0-9 and _, and at most 32 characters`);
      }
      if (!(propertyTypes as readonly string[]).includes(r.property_type)) {
        problem('property_type', 'invalid_property_type', `${quoted(r.property_type)}: the property type is one of ${propertyTypes.join(', ')}`);
      }
    }

    const seen = byId.get(r.event_id);
    if (seen) {
      for (const column of ['event_name', 'event_type', 'score', 'stage'] as const) {
        if (r[column] !== seen.first[column]) {
          problem(column, 'inconsistent_event', `the rows of ${quoted(r.event_id)} must agree: row ${seen.parsed.row} has ${column} ${quoted(seen.first[column])}, this row ${quoted(r[column])}`);
        }
      }
      if (hasProperty && seen.parsed.definition.properties.some((p) => p.id === r.property_id)) {
        problem('property_id', 'duplicate_property', `${quoted(r.event_id)} already has the property ${quoted(r.property_id)}`);
      }
    }
    if (problems.length > before) return;

    const type = r.event_type as EventType;
    const parsed = seen?.parsed ?? {
      row,
      definition: {
        id: r.event_id,
        name: r.event_name,
        type,
        score: type === 'inbound' ? Number(r.score || 0) : null,
        stage: r.stage || null,
        group: null,
        properties: [],
        system: false,
      },
    };
    if (hasProperty) parsed.definition.properties.push({ id: r.property_id, name: r.property_name, type: r.property_type as PropertyType, required: false });
    if (!seen) byId.set(r.event_id, { parsed, first: r });
  });

  if (byId.size === 0 && problems.length === 0) problems.push({ row: 2, column: null, code: 'empty', message: 'the file has the header but no events' });
  if (byId.size > maxImportedEvents) {
    problems.push({ row: 1, column: null, code: 'too_many_events', message: `the file defines ${byId.size} events; one import creates at most ${maxImportedEvents}` });
  }
  return { definitions: [...byId.values()].map((v) => v.parsed), problems };
}
