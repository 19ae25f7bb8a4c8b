import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';
import { fieldMessageOf, loggedInBrowser } from './console-browser';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
  await collector.services.store.materials.create({ id: 'poster', name: 'Poster', type: 'qrcode', tags: ['spring'] });
});
afterEach(async () => {
  await collector.close();
});

const longTag = 'x'.repeat(65);

/** Fills the form `#formId` on `path` as an operator would and posts it; answers the refused page. */
const post = async (path: string, formId: string, fields: Record<string, string>) => (await loggedInBrowser(collector)).submitRefused(path, `#${formId}`, fields);

const messageBeside = (page: Document, name: string) => fieldMessageOf(page.querySelector(`form.form-grid [name=${name}]`)!);
// A select's choice as the page marks it: happy-dom's `value` picks the wrong option when the last one is selected.
const valueOf = (page: Document, name: string) => {
  const field = page.querySelector(`form.form-grid [name=${name}]`)!;
  return field.tagName === 'SELECT' ? field.querySelector('option[selected]')?.getAttribute('value') : (field as HTMLInputElement).value;
};

describe('a refused material form', () => {
  it('puts each message beside its field, tags numbered as typed, and keeps what was typed', async () => {
    const tags = `spring, ${longTag}`;
    const page = await post('/console/materials', 'new-material', { id: 'flyer', name: '', type: 'web_page', tags });
    expect(messageBeside(page, 'name')).toBe('name: missing — write at least 1 character');
    expect(messageBeside(page, 'tags')).toBe('Tag 2: expected at most 64 characters — change it and send again');
    expect(messageBeside(page, 'id')).toBeUndefined();
    expect([valueOf(page, 'id'), valueOf(page, 'type'), valueOf(page, 'tags')]).toEqual(['flyer', 'web_page', tags]);
    expect(page.querySelector('.flash.error')?.textContent).toContain('Tag 2: expected at most 64 characters');
    expect(await collector.services.store.materials.get('flyer')).toBeUndefined();
  });

  it('says beside the id that a material already has it', async () => {
    const page = await post('/console/materials', 'new-material', { id: 'poster', name: 'Another poster', tags: 'autumn' });
    expect(messageBeside(page, 'id')).toBe('A material with the id “poster” exists.');
    expect(valueOf(page, 'name')).toBe('Another poster');
    expect(await collector.services.store.materials.get('poster')).toMatchObject({ name: 'Poster', tags: ['spring'] });
  });

  it('shows a refused edit beside its field and keeps the edit', async () => {
    const tags = `autumn, sale, ${longTag}`;
    const page = await post('/console/materials/poster', 'edit-material', { name: 'Autumn poster', tags });
    expect(messageBeside(page, 'tags')).toBe('Tag 3: expected at most 64 characters — change it and send again');
    expect(messageBeside(page, 'name')).toBeUndefined();
    expect([valueOf(page, 'name'), valueOf(page, 'tags')]).toEqual(['Autumn poster', tags]);
    expect(await collector.services.store.materials.get('poster')).toMatchObject({ name: 'Poster', tags: ['spring'] });
  });
});
