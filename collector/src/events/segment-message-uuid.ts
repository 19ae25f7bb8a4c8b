import { validate as isUuid, v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** Fixed namespace for the ids derived from Segment messageIds; changing it would break dedupe. */
const namespace = '360ce2e1-289c-4f8e-8bcc-49bb1699da81';

/**
 * The event uuid of a Segment message. A messageId that is a UUID is the uuid itself; any other (such
 * as analytics-node's "node-next-1700000000000-…") becomes a UUID v5 of the key id and the messageId,
 * so a resent message is the same event, and two keys' equal messageIds are not. A message without a
 * messageId gets a new uuid: it cannot be deduplicated.
 */
export function segmentMessageUuid(messageId: unknown, keyId: string): string {
  const id = typeof messageId === 'number' ? String(messageId) : messageId;
  if (typeof id !== 'string' || id === '') return uuidv7();
  return isUuid(id) ? id.toLowerCase() : uuidv5(`${keyId}\n${id}`, namespace);
}
