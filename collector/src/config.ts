import { identityTypes } from '@eventline/protocol';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { defaultActivenessLevels, parseActivenessLevels, type ActivenessLevel } from './customers/activeness-levels';
import { isTimeZone } from './analysis/zone-intervals';
import { parseAllowedTarget } from './triggers/trigger-target-policy';

/**
 * One core is left to ingest (the request thread and the writer thread): on 2 cores, two reader threads
 * looping heavy reads halved ingest, one kept it at 0.73× (docs/benchmarks.md, Ingest).
 */
export const defaultReadThreads = Math.max(1, availableParallelism() - 1);

const list = (fallback: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v == null || v.trim() === '' ? [...fallback] : v.split(',').map((s) => s.trim()).filter(Boolean)));

/** Default lifecycle stages, in order: an event only moves a customer forward along this list. */
export const defaultStages = ['aware', 'interested', 'engaged', 'converted', 'loyal'] as const;

/** Default identity priority: the first that names a customer decides where an event goes. */
export const defaultIdentityPriority = [
  'external_id',
  'mobile',
  'wechat_unionid',
  'wechat_openid',
  'email',
  'anonymous',
] as const;

/**
 * Identity types a person has only one value of: two customers holding different values of one of
 * these are different people and are never merged. Anonymous ids and emails are not: a person has many.
 */
export const defaultStrongIdentityTypes = ['external_id', 'mobile', 'wechat_unionid'] as const;

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  EVENTLINE_DB: z.string().min(1).default('./data/eventline.db'),
  /** postgres://…: store in PostgreSQL (several collectors may share it); unset: the SQLite file EVENTLINE_DB. */
  EVENTLINE_DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL'),
  /** The PostgreSQL schema holding Eventline's tables (created when missing). */
  EVENTLINE_DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('public'),
  EVENTLINE_ADMIN_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  EVENTLINE_WRITE_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Origins the write key accepts events from (comma-separated); empty means any. */
  EVENTLINE_WRITE_KEY_ORIGINS: list([]),
  /** FULL fsyncs every commit (the default: an acknowledged event survives a power cut). */
  EVENTLINE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  EVENTLINE_IDENTITY_TYPES: list(identityTypes),
  EVENTLINE_IDENTITY_PRIORITY: list(defaultIdentityPriority),
  /** The time zone of reports and of the console when none is chosen: the API's distribution default. */
  EVENTLINE_TIMEZONE: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as UTC, Asia/Shanghai or Europe/Berlin'),
  EVENTLINE_STAGES: list(defaultStages),
  EVENTLINE_STRONG_IDENTITY_TYPES: list(defaultStrongIdentityTypes),
  /** Lowest first, `name[:min]`: the default means low < 10 ≤ medium < 50 ≤ high. */
  EVENTLINE_ACTIVENESS_LEVELS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const levels = parseActivenessLevels(v?.trim() || defaultActivenessLevels);
      if (typeof levels === 'string') ctx.addIssue({ code: 'custom', message: levels });
      return levels as ActivenessLevel[];
    }),
  /**
   * Seals what the collector keeps for others (WeChat tokens and EncodingAESKeys, trigger signing
   * secrets). Unset: one is generated at first start and kept in the database, next to what it protects.
   */
  EVENTLINE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  EVENTLINE_LOG: z.enum(['silent', 'info', 'debug']).default('info'),
  /** Trigger deliveries: how often the outbox is looked at, the first retry's delay (it doubles), how long a receiver may take. */
  EVENTLINE_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(10).default(1_000),
  EVENTLINE_DELIVERY_RETRY_MS: z.coerce.number().int().min(10).default(10_000),
  EVENTLINE_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Delivery requests in flight at once: enough to keep pace with a burst of follow-up timers without flooding a receiver. */
  EVENTLINE_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(32),
  /** Events per second each key may send unless the key sets its own; 0 means no limit. */
  EVENTLINE_RATE_LIMIT: z.coerce.number().int().min(0).default(0),
  /** How long a client may take to send a whole request, headers and body: a slow-loris client is cut off (408) after it. */
  /** How often a collector looks whether another one on the same database changed definitions, triggers, materials or keys. */
  EVENTLINE_CACHE_POLL_MS: z.coerce.number().int().min(50).default(500),
  EVENTLINE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** How long a stop (SIGTERM) may take to finish the requests in flight, their commits and the workers. */
  EVENTLINE_SHUTDOWN_MS: z.coerce.number().int().min(100).default(10_000),
  /** A port of its own for GET /metrics without a key (for a scraper inside the network); unset: /metrics on PORT with an admin key. */
  EVENTLINE_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** off: no request timing on the request path and no /metrics, to measure what the metrics cost ingest. */
  EVENTLINE_METRICS: z.enum(['on', 'off']).default('on'),
  /** Events older than this many days are removed (with their tags, ids and deliveries); unset: kept for ever. */
  EVENTLINE_RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
  /**
   * Trigger deliveries go only to public addresses; these hosts, addresses and CIDRs (comma-separated)
   * are let through besides, e.g. `hooks.internal,10.1.0.0/16`.
   */
  EVENTLINE_TRIGGER_ALLOWED_HOSTS: list([]).superRefine((entries, ctx) => {
    const bad = entries.filter((e) => parseAllowedTarget(e) === undefined);
    if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `not a host name, an IP address or a CIDR: ${bad.join(', ')}` });
  }),
  /** How far (seconds, either way) a WeChat push's timestamp may be from the clock; its nonce is remembered that long. */
  EVENTLINE_WECHAT_REPLAY_WINDOW_S: z.coerce.number().int().min(30).max(3_600).default(300),
  /** Body limits by route family, counted as the body arrives (chunked too): more is 413 payload_too_large. */
  EVENTLINE_MAX_JSON_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  EVENTLINE_MAX_CSV_BODY_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
  EVENTLINE_MAX_FORM_BODY_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  EVENTLINE_MAX_WECHAT_BODY_BYTES: z.coerce.number().int().min(1024).default(64 * 1024),
  /** A customer condition (POST /v1/customers/query): its nodes in all, and how deep all/any/not nest. */
  EVENTLINE_MAX_CONDITION_CLAUSES: z.coerce.number().int().min(1).default(200),
  EVENTLINE_MAX_CONDITION_DEPTH: z.coerce.number().int().min(1).max(100).default(20),
  /** Requests in progress at once, per key and in all (per process): exports, customer queries, live debugger streams. */
  EVENTLINE_MAX_EXPORTS_PER_KEY: z.coerce.number().int().min(1).default(2),
  EVENTLINE_MAX_EXPORTS: z.coerce.number().int().min(1).default(4),
  EVENTLINE_MAX_QUERIES_PER_KEY: z.coerce.number().int().min(1).default(4),
  EVENTLINE_MAX_QUERIES: z.coerce.number().int().min(1).default(8),
  EVENTLINE_MAX_DEBUG_STREAMS_PER_KEY: z.coerce.number().int().min(1).default(5),
  EVENTLINE_MAX_DEBUG_STREAMS: z.coerce.number().int().min(1).default(50),
  /** Long reads (analysis, customer queries and timelines, segment members, export pages) on SQLite: reader threads, and the calls that may wait for one. */
  EVENTLINE_READ_THREADS: z.coerce.number().int('must be a whole number of threads').min(1, 'must be at least 1').max(64, 'must be at most 64').default(defaultReadThreads),
  EVENTLINE_READ_QUEUE: z.coerce.number().int('must be a whole number of reads').min(0, 'must be 0 or more').default(64),
  /** A read running longer is stopped and answered 503 query_timeout; 0: no limit. Export pages are exempt (each is one chunk). */
  EVENTLINE_QUERY_TIMEOUT_MS: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .min(0, 'must be 0 (no limit) or more')
    .refine((v) => v === 0 || v >= 10, 'must be 0 (no limit) or at least 10 ms')
    .default(10_000),
  /** PostgreSQL connections per collector: for ingest and every other write, and apart for the long reads, so reads never take ingest's. */
  EVENTLINE_PG_WRITE_POOL: z.coerce.number().int('must be a whole number of connections').min(1, 'must be at least 1').default(10),
  EVENTLINE_PG_READ_POOL: z.coerce.number().int('must be a whole number of connections').min(1, 'must be at least 1').default(5),
});

/** The most each family of routes reads from a request body (EVENTLINE_MAX_*_BODY_BYTES). */
export interface BodyLimits {
  /** JSON API routes. */
  json: number;
  /** A definitions CSV: POST /v1/definitions/import and the console's batch upload. */
  csv: number;
  /** The console's other forms, the login included. */
  form: number;
  /** A WeChat push: a few hundred bytes of XML. */
  wechat: number;
}

export type Config = {
  port: number;
  host: string;
  dbPath: string;
  /** Set: the PostgreSQL store; unset: SQLite at dbPath. */
  databaseUrl: string | undefined;
  databaseSchema: string;
  adminKey: string | undefined;
  writeKey: string | undefined;
  writeKeyOrigins: string[];
  synchronous: 'FULL' | 'NORMAL';
  identityTypes: string[];
  identityPriority: string[];
  stages: string[];
  /** EVENTLINE_TIMEZONE: reports' and the console's time zone unless one is chosen. */
  timezone: string;
  strongIdentityTypes: string[];
  activenessLevels: ActivenessLevel[];
  /** EVENTLINE_SECRET; undefined: the one generated at first start. */
  secret: string | undefined;
  log: 'silent' | 'info' | 'debug';
  deliveryIntervalMs: number;
  deliveryRetryMs: number;
  deliveryTimeoutMs: number;
  deliveryConcurrency: number;
  /** Default events per second per key; 0: unlimited. */
  rateLimit: number;
  /** Most a client may take to send one request (headers and body). */
  requestTimeoutMs: number;
  /** How often the shared caches' change counters are polled. */
  cachePollMs: number;
  /** Most a graceful stop may take before the process exits anyway. */
  shutdownMs: number;
  metricsPort: number | undefined;
  /** EVENTLINE_METRICS: false leaves out the request-metrics middleware and GET /metrics. */
  metricsEnabled: boolean;
  retentionDays: number | undefined;
  /** Hosts, addresses and CIDRs trigger deliveries may reach although not public. */
  triggerAllowedHosts: string[];
  /** A WeChat push older or newer than this is refused as stale. */
  wechatReplayWindowMs: number;
  /** The most a request body may hold, by route family (the ingest routes have their own limit). */
  bodyLimits: BodyLimits;
  conditionLimits: { maxClauses: number; maxDepth: number };
  /** How many of each may be in progress at once, per key and in all. */
  concurrency: Record<'exports' | 'queries' | 'debugStreams', { perKey: number; total: number }>;
  /** Long reads: SQLite reader threads and their queue, and the time limit of one read (0: none) on either store. */
  reads: { threads: number; queue: number; timeoutMs: number };
  /** PostgreSQL pool sizes: ingest and other writes, and reads. */
  pgPools: { write: number; read: number };
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the configuration from the environment; a bad value is a ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    dbPath: e.EVENTLINE_DB,
    databaseUrl: e.EVENTLINE_DATABASE_URL,
    databaseSchema: e.EVENTLINE_DATABASE_SCHEMA,
    adminKey: e.EVENTLINE_ADMIN_KEY,
    writeKey: e.EVENTLINE_WRITE_KEY,
    writeKeyOrigins: e.EVENTLINE_WRITE_KEY_ORIGINS,
    synchronous: e.EVENTLINE_SYNCHRONOUS,
    identityTypes: e.EVENTLINE_IDENTITY_TYPES,
    identityPriority: e.EVENTLINE_IDENTITY_PRIORITY,
    stages: e.EVENTLINE_STAGES,
    timezone: e.EVENTLINE_TIMEZONE,
    strongIdentityTypes: e.EVENTLINE_STRONG_IDENTITY_TYPES,
    activenessLevels: e.EVENTLINE_ACTIVENESS_LEVELS,
    secret: e.EVENTLINE_SECRET,
    log: e.EVENTLINE_LOG,
    deliveryIntervalMs: e.EVENTLINE_DELIVERY_INTERVAL_MS,
    deliveryRetryMs: e.EVENTLINE_DELIVERY_RETRY_MS,
    deliveryTimeoutMs: e.EVENTLINE_DELIVERY_TIMEOUT_MS,
    deliveryConcurrency: e.EVENTLINE_DELIVERY_CONCURRENCY,
    rateLimit: e.EVENTLINE_RATE_LIMIT,
    requestTimeoutMs: e.EVENTLINE_REQUEST_TIMEOUT_MS,
    cachePollMs: e.EVENTLINE_CACHE_POLL_MS,
    shutdownMs: e.EVENTLINE_SHUTDOWN_MS,
    metricsPort: e.EVENTLINE_METRICS_PORT,
    metricsEnabled: e.EVENTLINE_METRICS === 'on',
    retentionDays: e.EVENTLINE_RETENTION_DAYS,
    triggerAllowedHosts: e.EVENTLINE_TRIGGER_ALLOWED_HOSTS,
    wechatReplayWindowMs: e.EVENTLINE_WECHAT_REPLAY_WINDOW_S * 1000,
    bodyLimits: {
      json: e.EVENTLINE_MAX_JSON_BODY_BYTES,
      csv: e.EVENTLINE_MAX_CSV_BODY_BYTES,
      form: e.EVENTLINE_MAX_FORM_BODY_BYTES,
      wechat: e.EVENTLINE_MAX_WECHAT_BODY_BYTES,
    },
    conditionLimits: { maxClauses: e.EVENTLINE_MAX_CONDITION_CLAUSES, maxDepth: e.EVENTLINE_MAX_CONDITION_DEPTH },
    concurrency: {
      exports: { perKey: e.EVENTLINE_MAX_EXPORTS_PER_KEY, total: e.EVENTLINE_MAX_EXPORTS },
      queries: { perKey: e.EVENTLINE_MAX_QUERIES_PER_KEY, total: e.EVENTLINE_MAX_QUERIES },
      debugStreams: { perKey: e.EVENTLINE_MAX_DEBUG_STREAMS_PER_KEY, total: e.EVENTLINE_MAX_DEBUG_STREAMS },
    },
    reads: { threads: e.EVENTLINE_READ_THREADS, queue: e.EVENTLINE_READ_QUEUE, timeoutMs: e.EVENTLINE_QUERY_TIMEOUT_MS },
    pgPools: { write: e.EVENTLINE_PG_WRITE_POOL, read: e.EVENTLINE_PG_READ_POOL },
  };
  // A metrics port with nothing to serve would be a scraper's silent outage rather than a start-up error.
  if (!config.metricsEnabled && config.metricsPort !== undefined) {
    throw new ConfigError('invalid configuration:\n  EVENTLINE_METRICS_PORT: must be unset when EVENTLINE_METRICS is off');
  }
  const typeLists = { EVENTLINE_IDENTITY_PRIORITY: config.identityPriority, EVENTLINE_STRONG_IDENTITY_TYPES: config.strongIdentityTypes };
  for (const [name, types] of Object.entries(typeLists)) {
    const unknown = types.filter((t) => !config.identityTypes.includes(t));
    if (unknown.length > 0) throw new ConfigError(`invalid configuration:\n  ${name}: unknown identity types ${unknown.join(', ')}`);
  }
  return config;
}
