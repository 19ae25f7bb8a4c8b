import type { Identities, Properties } from '@eventline/protocol';
import type { DebugLog } from './create-debug-log';
import { InvalidEventError } from './errors/invalid-event-error';
import { toPropertyValue } from './to-property-value';
import type { Tracker } from './tracker';
import type { TrackerState } from './tracker-state';

/** The tracker calls that change who it speaks for, kept across visits under `{prefix}:state`. */
export type IdentityCalls = Pick<Tracker, 'identify' | 'register' | 'reset' | 'optOut' | 'optIn'>;

/**
 * Each call runs through `whenReady`: it changes the stored state, which must be loaded first. `save`
 * keeps and stores the new state; `sendIdentify` queues an `identify` event; `discard` forgets what is
 * queued (opting out). Plain functions rather than a shared object: the script-tag bundle pays for
 * every property name it keeps.
 */
export function createIdentity(
  whenReady: (fn: () => void) => void,
  state: () => TrackerState,
  save: (next: TrackerState) => void,
  log: DebugLog,
  newId: () => string,
  sendIdentify: () => void,
  discard: () => void,
): IdentityCalls {
  return {
    identify(identities) {
      whenReady(() => {
        if (typeof identities !== 'object' || !identities) return;
        const next: Identities = { ...state().identities };
        for (const type in identities) {
          const value = identities[type];
          if (typeof value === 'string' && value) next[type] = value;
          else log('warn', 'identify', new InvalidEventError('invalid_identity', `identities.${type}`));
        }
        const changed = JSON.stringify(next) !== JSON.stringify(state().identities);
        save({ ...state(), identities: next });
        // The collector links identities through the system event `identify`; calling identify
        // again with what it already knows (on every page load) sends nothing.
        if (changed) sendIdentify();
      });
    },

    register(properties) {
      whenReady(() => {
        if (typeof properties !== 'object' || !properties) return;
        const next: Properties = { ...state().properties };
        for (const key in properties) {
          const value = toPropertyValue(properties[key]);
          if (value === null) delete next[key];
          else if (value !== undefined) next[key] = value;
          else log('warn', 'register', new InvalidEventError('invalid_property', key));
        }
        save({ ...state(), properties: next });
      });
    },

    reset: () => whenReady(() => save({ anonymousId: newId(), optedOut: state().optedOut })),

    optOut: () =>
      whenReady(() => {
        save({ ...state(), optedOut: true });
        discard();
      }),

    optIn: () => whenReady(() => save({ ...state(), optedOut: false })),
  };
}
