import type { AnswerListener } from './answer';

export interface TrackerOptions {
  /** The collector's base URL, e.g. `https://collect.example.com`; events go to `{endpoint}/v1/events`. */
  endpoint: string;
  /** A public ingest key. */
  writeKey: string;
  /** Send as soon as this many events are queued. Default 20. */
  batchSize?: number | undefined;
  /** Send what is queued at least this often, in ms. Default 5000. */
  flushInterval?: number | undefined;
  /** Most events kept; past it the oldest are dropped and counted. Default 1000. */
  maxQueue?: number | undefined;
  /** Log problems (bad calls, rejected events, refused requests) to the platform log. */
  debug?: boolean | undefined;
  /** Called with the collector's answer to every request. */
  onAnswer?: AnswerListener | undefined;
  /** Prefix of the storage keys; two trackers on one origin need two prefixes. Default `eventline`. */
  storagePrefix?: string | undefined;
}

export interface ResolvedOptions {
  url: string;
  writeKey: string;
  batchSize: number;
  flushInterval: number;
  maxQueue: number;
  debug: boolean;
  prefix: string;
}

const positive = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback);

/** Options with their defaults, or a list of what is wrong (init never throws into the host page). */
export function resolveOptions(options: TrackerOptions | undefined): { options: ResolvedOptions } | { problems: string[] } {
  const problems: string[] = [];
  if (!options || typeof options.endpoint !== 'string' || !/^https?:\/\//.test(options.endpoint)) problems.push('endpoint must be an http(s) URL');
  if (!options || typeof options.writeKey !== 'string' || options.writeKey === '') problems.push('writeKey is required');
  if (problems.length > 0 || !options) return { problems };
  return {
    options: {
      url: `${options.endpoint.replace(/\/+$/, '')}/v1/events`,
      writeKey: options.writeKey,
      batchSize: positive(options.batchSize, 20),
      flushInterval: positive(options.flushInterval, 5000),
      maxQueue: positive(options.maxQueue, 1000),
      debug: options.debug === true,
      prefix: options.storagePrefix || 'eventline',
    },
  };
}
