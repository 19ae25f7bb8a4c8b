import type { EventDefinition } from '@eventline/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { consoleBrowser, documentOf, fieldMessageOf, formEntries, loggedInBrowser } from './console-browser';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

const purchase = {
  id: 'cl_purchase',
  name: 'Purchase',
  type: 'inbound',
  score: 10,
  properties: [
    { id: 'cl_amount', name: 'Amount', type: 'number', required: true },
    { id: 'cl_coupon', name: 'Coupon', type: 'text', required: false },
  ],
};

/** The definition as the API gives it, but for when it was last saved (a save moves that, whatever it changed). */
async function definition(id: string): Promise<EventDefinition> {
  const res = await collector.request('GET', `/v1/definitions/${id}`, { key: collector.adminKey });
  expect(res.status).toBe(200);
  const { updatedAt: _saved, ...rest } = (await res.json()) as EventDefinition & { updatedAt: number };
  return rest;
}

/** Opens the event's page in the console, lets `edit` change its form as an operator would, and saves it. */
async function saveForm(b: ReturnType<typeof consoleBrowser>, path: string, edit: (form: Element) => void = () => {}) {
  const page = await b.page(path);
  const form = page.querySelector('form.card')!;
  edit(form);
  return b.request('POST', form.getAttribute('action')!, formEntries(form));
}

/** The "required" select of the row whose property id is `id` (or the first blank row for ''). */
const requiredOf = (form: Element, id: string) => {
  const row = [...form.querySelectorAll('#properties tbody tr')].find((tr) => (tr.querySelector('input[name=prop_id]') as HTMLInputElement).value === id);
  return row!.querySelector('select[name=prop_required]') as HTMLSelectElement;
};

/** Types a property into the first blank row, as required, as an operator adds one. */
const addRequiredProperty = (form: Element, name: string, id: string) => {
  const required = requiredOf(form, '');
  const row = required.closest('tr')!;
  (row.querySelector('input[name=prop_name]') as HTMLInputElement).value = name;
  (row.querySelector('input[name=prop_id]') as HTMLInputElement).value = id;
  required.value = 'required';
};

describe('the event form keeps "required"', () => {
  it('saves a definition with required properties unchanged when nothing is changed, and the event still needs them', async () => {
    expect((await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: purchase })).status).toBe(201);
    const before = await definition('cl_purchase');
    expect(before.properties.map((p) => p.required)).toEqual([true, false]);

    const b = await loggedInBrowser(collector);
    const saved = await saveForm(b, '/console/events/cl_purchase');
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/console/events/cl_purchase');

    expect(await definition('cl_purchase')).toEqual(before);
    const res = await collector.request('POST', '/v1/events', { body: { events: [makeEvent({ event: 'cl_purchase', properties: { cl_coupon: 'SPRING' } })] } });
    expect(await res.json()).toMatchObject({ accepted: 0, rejected: [{ code: 'missing_property' }] });
    const form = (await b.page('/console/events/cl_purchase')).querySelector('form.card')!;
    expect([requiredOf(form, 'cl_amount').value, requiredOf(form, 'cl_coupon').value]).toEqual(['required', 'optional']);
  });

  it('turns required on and off for saved properties, and sets it on a property added to an event', async () => {
    expect((await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: purchase })).status).toBe(201);
    const b = await loggedInBrowser(collector);

    const toggled = await saveForm(b, '/console/events/cl_purchase', (form) => {
      requiredOf(form, 'cl_amount').value = 'optional';
      requiredOf(form, 'cl_coupon').value = 'required';
    });
    expect(toggled.status).toBe(303);
    expect((await definition('cl_purchase')).properties).toEqual([
      { id: 'cl_amount', name: 'Amount', type: 'number', required: false },
      { id: 'cl_coupon', name: 'Coupon', type: 'text', required: true },
    ]);
    const page = await b.page('/console/events/cl_purchase');
    expect(requiredOf(page.querySelector('form.card')!, 'cl_coupon').value).toBe('required');

    const added = await saveForm(b, '/console/events/cl_purchase', (form) => addRequiredProperty(form, 'Channel code', 'cl_channel_code'));
    expect(added.status).toBe(303);
    expect((await definition('cl_purchase')).properties.map((p) => [p.id, p.required])).toEqual([
      ['cl_amount', false],
      ['cl_coupon', true],
      ['cl_channel_code', true],
    ]);
  });

  it('creates an event with a required property from New → Single', async () => {
    const b = await loggedInBrowser(collector);
    const created = await saveForm(b, '/console/events/new', (form) => {
      (form.querySelector('input[name=id]') as HTMLInputElement).value = 'cl_signup';
      (form.querySelector('input[name=name]') as HTMLInputElement).value = 'Sign up';
      addRequiredProperty(form, 'Plan', 'cl_plan');
    });
    expect(created.status).toBe(303);
    expect((await definition('cl_signup')).properties).toEqual([{ id: 'cl_plan', name: 'Plan', type: 'text', required: true }]);
  });

  it('shows a read key whether a property is required, without a way to change it', async () => {
    expect((await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: purchase })).status).toBe(201);
    const res = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'viewer', scope: 'read' } });
    const r = await loggedInBrowser(collector, ((await res.json()) as { key: string }).key);
    const form = (await r.page('/console/events/cl_purchase')).querySelector('form.card')!;
    expect([...requiredOf(form, 'cl_amount').options].map((o) => o.value)).toEqual(['required']);
    expect([...requiredOf(form, 'cl_coupon').options].map((o) => o.value)).toEqual(['optional']);
  });
});

describe('a refused event form', () => {
  /** The page a refused save answers with, as a document. */
  const refusedPage = async (res: Response) => {
    expect(res.status).toBe(400);
    return documentOf(await res.text());
  };

  it('keeps what was typed and puts each message beside its field, rows numbered as the page shows them', async () => {
    const b = await loggedInBrowser(collector);
    const res = await saveForm(b, '/console/events/new', (form) => {
      (form.querySelector('input[name=id]') as HTMLInputElement).value = 'signup';
      (form.querySelector('input[name=name]') as HTMLInputElement).value = 'Sign up';
      const rows = form.querySelectorAll('#properties tbody tr');
      (rows[0]!.querySelector('input[name=prop_name]') as HTMLInputElement).value = 'Plan';
      (rows[0]!.querySelector('input[name=prop_id]') as HTMLInputElement).value = 'cl_plan';
      (rows[1]!.querySelector('input[name=prop_id]') as HTMLInputElement).value = 'cl_coupon';
    });
    const page = await refusedPage(res);
    const id = page.querySelector('input[name=id]')!;
    expect((id as HTMLInputElement).value).toBe('signup');
    expect(id.getAttribute('aria-invalid')).toBe('true');
    expect(fieldMessageOf(id)).toBe('id: a custom event id starts with cl_ and has only a-z, 0-9 and _');
    const names = page.querySelectorAll('input[name=prop_name]');
    expect([...names].slice(0, 2).map((n) => (n as HTMLInputElement).value)).toEqual(['Plan', '']);
    expect(fieldMessageOf(names[0]!)).toBeUndefined();
    expect(fieldMessageOf(names[1]!)).toBe('Property 2, name: missing — write at least 1 character');
    // The same words stay at the top, for the whole story.
    expect(page.querySelector('.flash.error')!.textContent).toContain('Property 2, name: missing — write at least 1 character');
    // The browser's own pattern check is gone: it could only say "Please match the requested format".
    expect(id.hasAttribute('pattern')).toBe(false);
    expect(id.getAttribute('title')).toMatch(/starts with cl_/);
    expect(await collector.request('GET', '/v1/definitions/signup', { key: collector.adminKey }).then((r) => r.status)).toBe(404);
  });

  it('places a service’s refusal too: a taken id beside the id, an unknown group beside the group', async () => {
    expect((await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: purchase })).status).toBe(201);
    const b = await loggedInBrowser(collector);
    const taken = await refusedPage(
      await saveForm(b, '/console/events/new', (form) => {
        (form.querySelector('input[name=id]') as HTMLInputElement).value = 'cl_purchase';
        (form.querySelector('input[name=name]') as HTMLInputElement).value = 'Again';
      }),
    );
    expect(fieldMessageOf(taken.querySelector('input[name=id]')!)).toBe('an event with the id "cl_purchase" already exists');
    expect((taken.querySelector('input[name=name]') as HTMLInputElement).value).toBe('Again');

    const page = await b.page('/console/events/cl_purchase');
    const form = page.querySelector('form.card')!;
    const entries = formEntries(form).map(([k, v]): [string, string] => [k, k === 'group' ? 'no_such_group' : v]);
    const unknownGroup = await refusedPage(await b.request('POST', form.getAttribute('action')!, entries));
    expect(unknownGroup.getElementById('error-group')!.textContent).toBe('group: there is no definition group with the id "no_such_group"');
  });
});
