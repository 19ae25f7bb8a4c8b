import type { DefinitionImportProblem } from '@eventline/protocol';
import { describe, expect, it } from 'vitest';
import type { StoredDefinition } from '../store/store';
import { collectorPerTest } from '../testing/collector-per-test';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { definitionCsvHeader } from './definition-csv';

const collector = collectorPerTest();

const header = definitionCsvHeader.join(',');
const csvFile = (...rows: string[]) => [header, ...rows].join('\r\n') + '\r\n';
const importCsv = (text: string | Uint8Array, on: TestCollector = collector) =>
  on.request('POST', '/v1/definitions/import', { key: on.adminKey, body: text, headers: { 'content-type': 'text/csv' } });
const customIds = async (on: TestCollector = collector) => (await on.services.store.definitions.list({ system: false })).map((d) => d.id);
const problemsOf = async (res: Response) => {
  expect(res.status).toBe(422);
  const body = (await res.json()) as { error: { code: string; message: string; problems: DefinitionImportProblem[] } };
  expect(body.error.code).toBe('unprocessable');
  return body.error.problems;
};

const good = 'Add to cart,cl_add_to_cart,inbound,3,engaged,Product,cl_product,text';

describe('POST /v1/definitions/import: each kind of mistake is a 422 that names the row and column, and nothing is created', () => {
  it.each([
    ['a changed header', 'event_name,event_id,type,score,stage,property_name,property_id,property_type\r\n' + good, 1, null, 'header_changed'],
    ['an event id without cl_', 'Add,add_to_cart,inbound,3,,Product,cl_product,text', 3, 'event_id', 'invalid_event_id'],
    ['a property id without cl_', 'Add,cl_add,inbound,3,,Product,product,text', 3, 'property_id', 'invalid_property_id'],
    ['rows of one event with different names', 'Add to basket,cl_add_to_cart,inbound,3,engaged,Count,cl_count,number', 3, 'event_name', 'inconsistent_event'],
    ['rows of one event with different scores', 'Add to cart,cl_add_to_cart,inbound,4,engaged,Count,cl_count,number', 3, 'score', 'inconsistent_event'],
    ['rows of one event with different stages', 'Add to cart,cl_add_to_cart,inbound,3,loyal,Count,cl_count,number', 3, 'stage', 'inconsistent_event'],
    ['an unknown event type', 'Sent,cl_sent,sideways,,,,,', 3, 'event_type', 'invalid_event_type'],
    ['an unknown property type', 'Add,cl_add,inbound,1,,Price,cl_price,money', 3, 'property_type', 'invalid_property_type'],
    ['a score on an outbound event', 'Coupon sent,cl_coupon_sent,outbound,2,,,,', 3, 'score', 'score_on_outbound'],
    ['a score that is not a whole number', 'Add,cl_add,inbound,1.5,,,,', 3, 'score', 'invalid_score'],
    ['an unknown stage', 'Add,cl_add,inbound,1,bored,,,', 3, 'stage', 'unknown_stage'],
    ['a property listed twice', 'Add to cart,cl_add_to_cart,inbound,3,engaged,Product again,cl_product,text', 3, 'property_id', 'duplicate_property'],
    ['a row with a missing column', 'Add,cl_add,inbound,1,,Product,cl_product', 3, null, 'column_count'],
    ['a quote never closed', 'Add,cl_add,inbound,1,,"Product,cl_product,text', 3, null, 'csv_syntax'],
  ])('%s', async (_name, row, rowNumber, column, code) => {
    const text = row.startsWith('event_name') ? row : csvFile(good, row);
    const problems = await problemsOf(await importCsv(text));
    expect(problems).toContainEqual({ row: rowNumber, column, code, message: expect.any(String) });
    expect(await customIds()).toEqual([]);
  });

  it('an id that is already taken', async () => {
    await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: { id: 'cl_add_to_cart', name: 'Add to cart', type: 'inbound' } });
    const problems = await problemsOf(await importCsv(csvFile('Other,cl_other,inbound,1,,,,', good)));
    expect(problems).toEqual([{ row: 3, column: 'event_id', code: 'id_taken', message: expect.stringContaining('already exists') }]);
    expect(await customIds()).toEqual(['cl_add_to_cart']);
  });

  it('a file that is not UTF-8 (what Excel in a Chinese locale saves as CSV)', async () => {
    // "加入购物车" in GBK
    const gbk = new Uint8Array([0xbc, 0xd3, 0xc8, 0xeb, 0xb9, 0xba, 0xce, 0xef, 0xb3, 0xb5]);
    const file = new Uint8Array([...new TextEncoder().encode(`${header}\r\n`), ...gbk, ...new TextEncoder().encode(',cl_add,inbound,1,,,,\r\n')]);
    expect(await problemsOf(await importCsv(file))).toEqual([{ row: 1, column: null, code: 'not_utf8', message: expect.stringMatching(/CSV UTF-8/) }]);
    expect(await customIds()).toEqual([]);
  });

  it('a file with a NUL character, which no store could keep', async () => {
    const file = csvFile('Add,cl_add,inbound,1,,,,', 'Pay\0,cl_pay,inbound,5,,,,');
    expect(await problemsOf(await importCsv(file))).toEqual([{ row: 3, column: null, code: 'nul_character', message: expect.stringMatching(/NUL/) }]);
    expect(await customIds()).toEqual([]);
  });

  it('a file with only the header', async () => {
    expect(await problemsOf(await importCsv(csvFile()))).toEqual([{ row: 2, column: null, code: 'empty', message: expect.any(String) }]);
  });

  it('reports every problem of the file at once, by row', async () => {
    const problems = await problemsOf(await importCsv(csvFile(good, 'Sent,sent,outbound,5,,,,', 'Add to cart,cl_add_to_cart,inbound,3,engaged,Size,size,list')));
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'event_id', 'invalid_event_id'],
      [3, 'score', 'score_on_outbound'],
      [4, 'property_id', 'invalid_property_id'],
      [4, 'property_type', 'invalid_property_type'],
    ]);
  });
});

describe('POST /v1/definitions/import: what a spreadsheet saves', () => {
  it('reads a UTF-8 BOM, CRLF, quoted commas and Chinese names, and the next event is checked against the import', async () => {
    const text = csvFile(
      '加入购物车,cl_add_to_cart,inbound,3,engaged,"商品, 名称",cl_product,text',
      '加入购物车,cl_add_to_cart,inbound,3,engaged,数量,cl_count,number',
      '"Coupon ""welcome"" sent",cl_coupon_sent,outbound,,,,,',
    );
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const res = await importCsv(bytes);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ created: 2, ids: ['cl_add_to_cart', 'cl_coupon_sent'] });

    const cart = await collector.services.store.definitions.get('cl_add_to_cart');
    expect(cart).toMatchObject({ name: '加入购物车', type: 'inbound', score: 3, stage: 'engaged', properties: [{ id: 'cl_product', name: '商品, 名称', type: 'text' }, { id: 'cl_count', name: '数量', type: 'number' }] });
    expect(await collector.services.store.definitions.get('cl_coupon_sent')).toMatchObject({ name: 'Coupon "welcome" sent', score: null });

    const sent = await collector.request('POST', '/v1/events', { body: { events: [makeEvent({ event: 'cl_add_to_cart', properties: { cl_count: 'two' } })] } });
    expect(((await sent.json()) as { rejected: { code: string; path: string }[] }).rejected).toEqual([expect.objectContaining({ code: 'invalid_property', path: 'properties.cl_count' })]);
  });

  it('takes the file from a multipart form', async () => {
    const form = new FormData();
    form.append('file', new File([csvFile(good)], 'events.csv', { type: 'text/csv' }));
    const res = await collector.app.request('/v1/definitions/import', { method: 'POST', body: form, headers: { authorization: `Bearer ${collector.adminKey}` } });
    expect(res.status).toBe(201);
    expect(await customIds()).toEqual(['cl_add_to_cart']);
  });

  it('answers 415 for a body that is neither CSV nor a form, and 403 for a read key', async () => {
    const res = await collector.request('POST', '/v1/definitions/import', { key: collector.adminKey, body: { rows: [] } });
    expect(res.status).toBe(415);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect((await collector.request('POST', '/v1/definitions/import', { body: csvFile(good), headers: { 'content-type': 'text/csv' } })).status).toBe(403);
  });

  it('imports its own template', async () => {
    const template = await collector.request('GET', '/v1/definitions/template.csv', { key: collector.adminKey });
    expect(template.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await template.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe(header);
    expect((await importCsv(bytes)).status).toBe(201);
    expect((await customIds()).length).toBeGreaterThan(0);
  });
});

describe('export', () => {
  it('exports the custom events in the template format, and that file imports unchanged elsewhere', async () => {
    const define = (body: Record<string, unknown>) => collector.request('POST', '/v1/definitions', { key: collector.adminKey, body });
    await define({ id: 'cl_add_to_cart', name: '加入购物车, 快速', type: 'inbound', score: -2, stage: 'engaged', properties: [{ id: 'cl_product', name: 'Product "name"', type: 'text' }, { id: 'cl_paid', name: 'Paid', type: 'boolean' }] });
    await define({ id: 'cl_coupon_sent', name: 'Coupon sent', type: 'outbound', properties: [{ id: 'cl_at', name: 'At', type: 'datetime' }] });
    await define({ id: 'cl_bare', name: 'Bare', type: 'inbound' });

    const exported = await collector.request('GET', '/v1/definitions/export.csv', { key: collector.adminKey });
    expect(exported.status).toBe(200);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    expect(new TextDecoder().decode(bytes)).not.toMatch(/page_view/);

    const elsewhere = await createTestCollector();
    try {
      expect((await importCsv(bytes, elsewhere)).status).toBe(201);
      const strip = (list: StoredDefinition[]) => list.map(({ id, name, type, score, stage, properties }) => ({ id, name, type, score, stage, properties }));
      expect(strip(await elsewhere.services.store.definitions.list({ system: false }))).toEqual(strip(await collector.services.store.definitions.list({ system: false })));
    } finally {
      await elsewhere.close();
    }
  });

  it('exports JSON that POST /v1/definitions takes', async () => {
    await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: { id: 'cl_bare', name: 'Bare', type: 'inbound', score: 2 } });
    const res = await collector.request('GET', '/v1/definitions/export.json', { key: collector.adminKey });
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    expect(items).toEqual([{ id: 'cl_bare', name: 'Bare', type: 'inbound', score: 2, stage: null, properties: [] }]);

    const elsewhere = await createTestCollector();
    try {
      expect((await elsewhere.request('POST', '/v1/definitions', { key: elsewhere.adminKey, body: items[0] })).status).toBe(201);
    } finally {
      await elsewhere.close();
    }
  });
});
