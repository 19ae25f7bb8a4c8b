import { v5 as uuidv5 } from 'uuid';

/** Fixed for good: stored events were moved to uuids derived in it. */
const namespace = '5f1c6a8e-2d4b-4e7a-9c3f-0b8d7e6a5c41';

/**
 * The uuid a public-key event moves to when a trusted event arrives with its uuid (flows derive uuids, so
 * anyone can send one first). Deterministic, so every collector moves it to the same place; apply it
 * again to the result while that is taken too.
 */
export function displacedUuid(uuid: string): string {
  return uuidv5(uuid, namespace);
}
