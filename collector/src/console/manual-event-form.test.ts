import type { EventDefinition } from '@eventline/protocol';
import { describe, expect, it } from 'vitest';
import { readManualEventForm, toManualEventBody } from './manual-event-form';

const visit: EventDefinition = {
  id: 'cl_store_visit',
  name: 'Store visit',
  type: 'inbound',
  score: 3,
  stage: null,
  group: null,
  system: false,
  properties: [
    { id: 'cl_store', name: 'Store', type: 'text' },
    { id: 'cl_minutes', name: 'Minutes', type: 'number' },
    { id: 'cl_bought', name: 'Bought', type: 'boolean' },
    { id: 'cl_booked_for', name: 'Booked for', type: 'datetime' },
  ],
};

describe('the manual-add form', () => {
  it('types each value as its definition says, reads times in the operator’s zone and leaves blanks out', () => {
    const values = readManualEventForm({
      _csrf: 't',
      event: 'cl_store_visit',
      time: '2026-12-03T16:40',
      p_cl_store: ' Shanghai 1 ',
      p_cl_minutes: '25',
      p_cl_bought: 'false',
      p_cl_booked_for: '2026-12-10T10:00',
      p_channel: '',
      tags: 'offline, vip,',
    });
    expect(toManualEventBody(values, visit, 'Asia/Shanghai')).toEqual({
      ok: true,
      body: {
        event: 'cl_store_visit',
        time: Date.parse('2026-12-03T08:40:00Z'),
        properties: { cl_store: 'Shanghai 1', cl_minutes: 25, cl_bought: false, cl_booked_for: '2026-12-10T02:00:00.000Z' },
        tags: ['offline', 'vip'],
      },
    });
  });

  it('refuses a number that is not one, and leaves the time out for "now"', () => {
    const bad = readManualEventForm({ event: 'cl_store_visit', time: '', p_cl_minutes: 'ten', tags: '' });
    expect(toManualEventBody(bad, visit, 'UTC')).toEqual({ ok: false, message: 'cl_minutes: “ten” is not a number' });
    const now = toManualEventBody(readManualEventForm({ event: 'cl_store_visit', time: '', tags: '' }), visit, 'UTC');
    expect(now).toEqual({ ok: true, body: { event: 'cl_store_visit', properties: {} } });
  });
});
