import { createHash } from 'node:crypto';

/**
 * The id of the one delivery a follow-up timer may write: the same for the same (trigger, event), so a
 * timer checked again after a crash writes nothing new. UUIDv7-shaped, its time the timer's due time,
 * so it sorts among the outbox's other ids by when it fell due.
 */
export function timerDeliveryId(triggerId: string, eventUuid: string, dueAt: number): string {
  const hash = createHash('sha256').update(`${triggerId}\u0000${eventUuid}`).digest();
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Math.max(0, Math.min(dueAt, 2 ** 48 - 1)), 0, 6);
  hash.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
