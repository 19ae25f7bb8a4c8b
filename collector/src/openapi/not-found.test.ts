import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors/http-error';
import { NotFound } from './not-found';

const noSuchThing = new NotFound('No such thing', (id) => `there is no thing "${id}"`);

describe('NotFound', () => {
  it('documents the 404 as the error body, with its description', () => {
    expect(noSuchThing.response.description).toBe('No such thing');
    expect(Object.keys(noSuchThing.response.content)).toEqual(['application/json']);
  });

  it('throws a 404 not_found naming the id when the store found nothing, and hands back what it found otherwise', () => {
    const thing = { id: 'a' };
    expect(noSuchThing.unless(thing, 'a')).toBe(thing);
    for (const missing of [undefined, null]) {
      let thrown: unknown;
      try {
        noSuchThing.unless(missing, 'b');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpError);
      expect((thrown as HttpError).status).toBe(404);
      expect((thrown as HttpError).toBody()).toEqual({ error: { code: 'not_found', message: 'there is no thing "b"' } });
    }
  });
});
