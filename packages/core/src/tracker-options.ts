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

const positive = (value: number | undefined, fallback: number) => (value! >= 1 ? Math.floor(value!) : fallback);

/** Options with their defaults, or undefined (and a console warning) when they cannot work: init never throws. */
export function resolveOptions(options: TrackerOptions | undefined): ResolvedOptions | undefined {
  if (!/^https?:\/\//.test(options?.endpoint as string) || !options?.writeKey) {
    console.warn('[eventline] init: endpoint and writeKey needed');
    return undefined;
  }
  return {
    url: `${options.endpoint.replace(/\/+$/, '')}/v1/events`,
    writeKey: options.writeKey,
    batchSize: positive(options.batchSize, 20),
    flushInterval: positive(options.flushInterval, 5000),
    maxQueue: positive(options.maxQueue, 1000),
    debug: !!options.debug,
    prefix: options.storagePrefix || 'eventline',
  };
}
