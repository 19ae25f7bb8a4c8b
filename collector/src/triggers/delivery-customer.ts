import { activenessLevel, type ActivenessLevel } from '../customers/activeness-levels';
import type { CustomerStore } from '../store/store';

/** Who an event is about, as the receiver gets it: read when the delivery is sent, not when the event was recorded. */
export interface DeliveryCustomer {
  id: string;
  /** Values by identity type, e.g. { email: ['a@example.com'] }. */
  identities: Record<string, string[]>;
  activeness: number;
  activenessLevel: string;
  stage: string | null;
}

// A merge chain is repointed on every merge (merged_into always names a live survivor), so one hop
// suffices; a few more only guard against a merge committed between two reads.
const maxHops = 4;

/** The live customer `id` names (a merged id resolves to its survivor), as a delivery carries it; null when unknown. */
export async function deliveryCustomer(customers: Pick<CustomerStore, 'get'>, id: string, levels: readonly ActivenessLevel[]): Promise<DeliveryCustomer | null> {
  let record = await customers.get(id);
  for (let hop = 0; record?.mergedInto && hop < maxHops; hop++) record = await customers.get(record.mergedInto);
  if (!record || record.mergedInto !== null) return null;
  const identities: Record<string, string[]> = {};
  for (const i of record.identities) (identities[i.type] ??= []).push(i.value);
  return { id: record.id, identities, activeness: record.activeness, activenessLevel: activenessLevel(record.activeness, levels), stage: record.stage };
}
