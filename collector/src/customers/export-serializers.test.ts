import { describe, expect, it } from 'vitest';
import type { ExportPart } from './customer-export';
import { exportAsJson, exportAsNdjson } from './export-serializers';

async function* parts(...list: ExportPart[]) {
  yield* list;
}
const text = async (chunks: AsyncIterable<string>) => {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
};

describe('exportAsJson', () => {
  it('writes one document with every section, empty ones included', async () => {
    const doc = await text(exportAsJson(parts({ kind: 'customer', data: { id: 'c1' } }, { kind: 'event', data: { uuid: 'a' } }, { kind: 'event', data: { uuid: 'b' } }, { kind: 'delivery', data: { id: 'd' } })));
    expect(JSON.parse(doc)).toEqual({ customer: { id: 'c1' }, tags: [], events: [{ uuid: 'a' }, { uuid: 'b' }], quarantine: [], deliveries: [{ id: 'd' }] });
  });

  it('writes a customer with nothing else as empty sections', async () => {
    expect(JSON.parse(await text(exportAsJson(parts({ kind: 'customer', data: { id: 'c1' } }))))).toEqual({ customer: { id: 'c1' }, tags: [], events: [], quarantine: [], deliveries: [] });
  });
});

describe('exportAsNdjson', () => {
  it('writes one { kind, data } per line', async () => {
    const lines = (await text(exportAsNdjson(parts({ kind: 'customer', data: { id: 'c1' } }, { kind: 'tag', data: { tag: 'x', count: 1 } })))).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ kind: 'customer', data: { id: 'c1' } }, { kind: 'tag', data: { tag: 'x', count: 1 } }]);
  });
});
