export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** One JSON line per entry on stderr. Callers never pass keys or secrets in fields. */
export function createLogger(level: 'silent' | 'info' | 'debug'): Logger {
  const write = (lvl: string, message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...fields })}\n`);
  return {
    info: (m, f) => level !== 'silent' && write('info', m, f),
    debug: (m, f) => level === 'debug' && write('debug', m, f),
    error: (m, f) => level !== 'silent' && write('error', m, f),
  };
}
