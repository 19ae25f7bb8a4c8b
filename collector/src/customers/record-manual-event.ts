import type { Rejection } from '@eventline/protocol';
import { v7 as uuidv7 } from 'uuid';
import type { Recorder } from '../recorder/create-recorder';
import type { CustomerRecord, KeyRecord } from '../store/store';

export type ManualOutcome = { ok: true; uuid: string; duplicate: boolean } | { ok: false; rejection: Rejection };

/**
 * Records an event someone added by hand on a customer, through the recorder (validation, quarantine
 * of what fails, material tags, triggers, the same transaction), marked `manual`. It carries the customer's
 * highest-priority identity, which names that customer and no other, so it never merges anyone.
 */
export async function recordManualEvent(
  customer: CustomerRecord,
  body: Record<string, unknown>,
  key: KeyRecord,
  deps: { recorder: Pick<Recorder, 'record'>; identityPriority: readonly string[] },
): Promise<ManualOutcome> {
  const rank = (type: string) => {
    const i = deps.identityPriority.indexOf(type);
    return i < 0 ? deps.identityPriority.length : i;
  };
  const identity = [...customer.identities].sort((a, b) => rank(a.type) - rank(b.type))[0]!;
  const receivedAt = Date.now();
  const uuid = typeof body.uuid === 'string' ? body.uuid : uuidv7();
  const event = {
    ...body,
    uuid,
    time: body.time ?? receivedAt,
    ...(identity.type === 'anonymous' ? { anonymousId: identity.value } : { identities: { [identity.type]: identity.value } }),
  };
  const result = await deps.recorder.record([event], { receivedAt, sentAt: null, scope: key.scope, keyId: key.id, source: 'manual' });
  const rejection = result.rejected[0];
  if (rejection) return { ok: false, rejection };
  return { ok: true, uuid: uuid.toLowerCase(), duplicate: result.duplicates === 1 };
}
