// The console still imports replay from here; quarantine/ moved to events/. Remove once it imports
// '../events/replay-quarantine'.
export { replayQuarantine, type ReplayResult } from '../events/replay-quarantine';
