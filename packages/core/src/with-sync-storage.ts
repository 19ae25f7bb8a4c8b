import type { Platform, SyncStorage } from './platform';

/** Runs `fn` on the platform's sync storage. None, or one that fails (quota, blocked storage), only loses that backup. */
export function withSyncStorage(platform: Platform, fn: (s: SyncStorage) => void): void {
  try {
    fn(platform.syncStorage!());
  } catch {
    // The async queue is still written; only a page gone before that write loses these events.
  }
}
