import type { ExportPart } from './customer-export';

/** NDJSON: one `{ kind, data }` object per line. */
export async function* exportAsNdjson(parts: AsyncIterable<ExportPart>): AsyncGenerator<string> {
  for await (const part of parts) yield `${JSON.stringify(part)}\n`;
}

const sections = ['tags', 'events', 'quarantine', 'deliveries'] as const;
const sectionOf = { tag: 0, event: 1, quarantine: 2, delivery: 3 } as const;

/**
 * One JSON document, `{ customer, tags: [], events: [], quarantine: [], deliveries: [] }`, written as
 * the parts arrive (they come in that order), so it is never held whole in memory.
 */
export async function* exportAsJson(parts: AsyncIterable<ExportPart>): AsyncGenerator<string> {
  let open = -1;
  let first = true;
  function* advanceTo(section: number): Generator<string> {
    while (open < section) {
      if (open >= 0) yield ']';
      open++;
      yield `,${JSON.stringify(sections[open])}:[`;
      first = true;
    }
  }
  for await (const part of parts) {
    if (part.kind === 'customer') {
      yield `{"customer":${JSON.stringify(part.data)}`;
      continue;
    }
    yield* advanceTo(sectionOf[part.kind]);
    yield `${first ? '' : ','}${JSON.stringify(part.data)}`;
    first = false;
  }
  yield* advanceTo(sections.length - 1);
  yield ']}\n';
}
