import type { Identities, Properties } from '@eventline/protocol';
import type { KeyValueStorage } from './platform';

/** Who the tracker speaks for, kept across visits under `{prefix}:state`. */
export interface TrackerState {
  anonymousId: string;
  identities?: Identities | undefined;
  /** Super properties from `register`, put on every event. */
  properties?: Properties | undefined;
  optedOut: boolean;
}

/** The stored state, or undefined when there is none or it is not one we wrote. */
export async function readTrackerState(storage: KeyValueStorage, key: string): Promise<TrackerState | undefined> {
  const value = (await storage.get(key)) as TrackerState | undefined;
  return typeof value?.anonymousId === 'string' && value.anonymousId ? value : undefined;
}
