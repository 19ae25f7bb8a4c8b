import type { LogLevel, Platform } from './platform';
import type { ResolvedOptions } from './tracker-options';

/** Writes a debug line; with `once`, only the first time (a refused key is not news twice). */
export type DebugLog = (level: LogLevel, message: string, detail?: unknown, once?: string) => void;

/** The tracker's debug lines, written to the platform log (the console when none) only with `debug` on. */
export function createDebugLog(platform: Platform, options: () => ResolvedOptions | undefined): DebugLog {
  const logged = new Set<string>();
  return (level, message, detail, once) => {
    if (!options()?.debug || logged.has(once!)) return;
    if (once) logged.add(once);
    (platform.log ?? ((l: LogLevel, m: string, d: unknown) => console[l](m, d)))(level, `[eventline] ${message}`, detail);
  };
}
