import { describe, expect, it } from 'vitest';
import type { StoredDefinition } from '../store/store';
import { conditionText, funnelStepBody, readFunnelSteps } from './funnel-step-inputs';

const query = (fields: Record<string, string[]>) => (name: string) => fields[name];
const order = { id: 'cl_order', properties: [{ id: 'cl_amount', name: 'Amount', type: 'number' }, { id: 'cl_gift', name: 'Gift', type: 'boolean' }] } as unknown as StoredDefinition;

describe('the funnel form’s steps', () => {
  it('keeps each condition with its own step when blank steps are left out', () => {
    const steps = readFunnelSteps(
      query({ step: ['cl_view', '', 'cl_order', ''], step_property: ['', 'cl_x', ' cl_amount ', ''], step_op: ['=', '=', '>', '='], step_value: ['', '1', '50', ''] }),
    );
    expect(steps).toEqual([
      { event: 'cl_view', property: '', op: '=', value: '' },
      { event: 'cl_order', property: 'cl_amount', op: '>', value: '50' },
    ]);
  });

  it('reads the old links, which sent only the events', () => {
    expect(readFunnelSteps(query({ step: ['cl_view', 'cl_order'] })).map((s) => funnelStepBody(s, []))).toEqual(['cl_view', 'cl_order']);
  });

  it('sends the value as the property’s type, and a list for "in"', () => {
    const body = (property: string, op: string, value: string) => funnelStepBody({ event: 'cl_order', property, op, value }, [order]);
    expect(body('cl_amount', '>', '50')).toEqual({ event: 'cl_order', where: [{ property: 'cl_amount', op: '>', value: 50 }] });
    expect(body('cl_gift', '=', 'true')).toEqual({ event: 'cl_order', where: [{ property: 'cl_gift', op: '=', value: true }] });
    expect(body('channel', 'in', 'app, web,')).toEqual({ event: 'cl_order', where: [{ property: 'channel', op: 'in', value: ['app', 'web'] }] });
    // Not a number: sent as typed, for the API to refuse or match in its own words.
    expect(body('cl_amount', '>', 'lots')).toEqual({ event: 'cl_order', where: [{ property: 'cl_amount', op: '>', value: 'lots' }] });
  });

  it('reads a condition back as a person would write it', () => {
    expect(conditionText([{ property: 'channel', op: 'in', value: ['app', 'web'] }, { property: 'cl_amount', op: '>', value: 50 }])).toBe('channel in app, web and cl_amount > 50');
  });
});
