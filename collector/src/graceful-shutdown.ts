import type { Server } from 'node:http';
import type { Logger } from './logger';

export interface ShutdownParts {
  server: Pick<Server, 'close' | 'closeIdleConnections' | 'closeAllConnections'>;
  /** Ends the requests that never end by themselves (the live debugger's streams), so close() can finish. */
  endStreams(): void;
  /** Stops what runs beside the requests (trigger deliveries, cache polls); each leaves its work resumable. */
  stopWorkers(): Promise<unknown>;
  /** Closes the store once every write has settled. */
  closeStore(): Promise<void>;
  log: Logger;
  /** How long the whole stop may take (EVENTLINE_SHUTDOWN_MS). */
  shutdownMs: number;
  exit(code: number): void;
}

/**
 * The stop on SIGTERM: accept nothing new, let the requests in flight finish (each is answered only
 * after its commit, so what was acknowledged is stored), stop the workers, close the store, exit 0.
 * A client that holds its request open past the limit is cut off: its batch was never acknowledged,
 * and the SDKs send it again. Past the limit the process exits 1, whatever is still running.
 */
export function gracefulShutdown(parts: ShutdownParts): () => void {
  let stopping = false;
  return () => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    parts.log.info('stopping', { shutdownMs: parts.shutdownMs });
    const cutOff = setTimeout(() => parts.server.closeAllConnections(), Math.max(0, parts.shutdownMs - 1_000));
    const giveUp = setTimeout(() => {
      parts.log.error('stop took longer than EVENTLINE_SHUTDOWN_MS; exiting anyway', { shutdownMs: parts.shutdownMs });
      parts.exit(1);
    }, parts.shutdownMs);
    cutOff.unref();
    giveUp.unref();
    const closed = new Promise<void>((resolve) => parts.server.close(() => resolve()));
    parts.endStreams();
    // Keep-alive connections with no request in flight would hold close() until their own timeout.
    parts.server.closeIdleConnections();
    void closed
      .then(() => parts.stopWorkers())
      .then(() => parts.closeStore())
      .then(
        () => {
          parts.log.info('stopped', { ms: Date.now() - started });
          parts.exit(0);
        },
        (error: unknown) => {
          parts.log.error('stop failed', { error: String(error) });
          parts.exit(1);
        },
      );
  };
}
