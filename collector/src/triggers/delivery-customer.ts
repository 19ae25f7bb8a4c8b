import { activenessLevel, type ActivenessLevel } from '../customers/activeness-levels';
import type { CustomerRecord } from '../store/customer-store';

/** Who an event is about, as the receiver gets it: read when the delivery is sent, not when the event was recorded. */
export interface DeliveryCustomer {
  id: string;
  /** Values by identity type, e.g. { email: ['a@example.com'] }. */
  identities: Record<string, string[]>;
  activeness: number;
  activenessLevel: string;
  stage: string | null;
}

/** A live customer (the store resolved a merged id to its survivor) as a delivery carries it. */
export function deliveryCustomer(record: CustomerRecord, levels: readonly ActivenessLevel[]): DeliveryCustomer {
  const identities: Record<string, string[]> = {};
  for (const i of record.identities) (identities[i.type] ??= []).push(i.value);
  return { id: record.id, identities, activeness: record.activeness, activenessLevel: activenessLevel(record.activeness, levels), stage: record.stage };
}
