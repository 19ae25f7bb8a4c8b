import { describe, expect, it } from 'vitest';
import { newDefinitionSchema } from '@eventline/protocol';
import { fieldName } from './event-form';
import { fieldError, fieldErrorsOfIssues, fieldErrorsOfMessage } from './field-errors';

describe('field errors', () => {
  it('puts each schema issue under its path, worded with the row as the page numbers it', () => {
    const parsed = newDefinitionSchema.safeParse({ id: 'signup', name: 'Sign up', type: 'inbound', properties: [{ id: 'cl_plan', name: 'Plan', type: 'text' }, { id: 'cl_coupon', name: '', type: 'text' }] });
    expect(parsed.success).toBe(false);
    const errors = fieldErrorsOfIssues(parsed.error!.issues, fieldName);
    expect(errors).toEqual({
      id: 'id: a custom event id starts with cl_ and has only a-z, 0-9 and _',
      'properties.1.name': 'Property 2, name: missing — write at least 1 character',
    });
  });

  it('splits a service’s message by the paths it names; the rest goes to the fallback', () => {
    const errors = fieldErrorsOfMessage('properties.0.type: a saved property keeps its type; group: there is no definition group with the id "x"', fieldName, 'form');
    expect(errors).toEqual({ 'properties.0.type': 'Property 1, type: a saved property keeps its type', group: 'group: there is no definition group with the id "x"' });
    expect(fieldErrorsOfMessage('an event with the id "cl_a" already exists', fieldName, 'id')).toEqual({ id: 'an event with the id "cl_a" already exists' });
  });

  it('finds a row’s own message for a field that has none', () => {
    expect(fieldError({ 'properties.2': 'Property 3: duplicate id' }, 'properties.2.name', 'properties.2')).toBe('Property 3: duplicate id');
    expect(fieldError({}, 'name')).toBeUndefined();
  });
});
