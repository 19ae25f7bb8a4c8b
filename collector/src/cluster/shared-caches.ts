import type { MetaStore } from '../store/store';

/** The in-memory copies a collector keeps of what admins change, by the name of their change counter. */
export type CacheName = 'definitions' | 'triggers' | 'materials' | 'keys';

/**
 * Keeps each collector's caches in step when several share one database: a collector that changes
 * what a cache holds reloads its own at once and raises the cache's counter in the store; every
 * collector polls the counters and reloads what another changed. A poll is one small query, so
 * polling every half second costs nothing and works the same on SQLite and PostgreSQL.
 */
export class SharedCaches {
  private seen: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly meta: Pick<MetaStore, 'bumpVersion' | 'versions'>,
    private readonly reloaders: Record<CacheName, () => Promise<void> | void>,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Call after this collector changed what `name` holds (and the change committed). */
  async changed(name: CacheName): Promise<void> {
    // Taken as seen: the reload below comes after this change and any change counted before it.
    this.seen[name] = await this.meta.bumpVersion(name);
    await this.reloaders[name]();
  }

  /** Reloads the caches whose counter moved since the last look. */
  async poll(): Promise<void> {
    const versions = await this.meta.versions();
    const moved = (Object.keys(this.reloaders) as CacheName[]).filter((name) => (versions[name] ?? 0) !== (this.seen[name] ?? 0));
    this.seen = versions;
    for (const name of moved) await this.reloaders[name]();
  }

  /**
   * Polls every `intervalMs` until stop(); a failed poll (database away) is reported and tried again
   * next time. Call it after the caches' first load: counters raised before then are taken as seen.
   */
  async start(intervalMs: number): Promise<void> {
    this.seen = await this.meta.versions();
    const tick = () => {
      this.polling = this.poll()
        .catch(this.onError)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, intervalMs).unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
  }
}
