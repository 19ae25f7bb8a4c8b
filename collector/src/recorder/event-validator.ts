import { limits, wireEventSchema, type Rejection, type RejectionCode, type WireEvent } from '@eventline/protocol';
import type { z } from 'zod';
import type { Config } from '../config';
import { normalizeIdentity } from '../customers/normalize-identity';
import type { DefinitionCache } from '../definitions/definition-cache';
import type { EventSource, IdentityRef, NewEvent, Scope } from '../store/store';
import { findNul, visible } from '../http/find-nul';
import { parseTime } from './parse-time';

/** What is known of the request an event came in. */
export interface IngestContext {
  receivedAt: number;
  /** The client's clock when it sent the batch, for skew correction; null when not sent. */
  sentAt: number | null;
  scope: Scope;
  keyId: string | null;
  source: EventSource;
}

export type Validation = { ok: true; event: NewEvent } | { ok: false; rejection: Rejection; raw: string; eventId: string | null };

const envelopeCodes: Record<string, RejectionCode> = {
  uuid: 'invalid_uuid',
  time: 'invalid_time',
  anonymousId: 'invalid_identity',
  identities: 'invalid_identity',
  tags: 'invalid_tags',
  properties: 'invalid_property',
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one event of a batch against the protocol and its definition; never throws. */
export class EventValidator {
  private readonly identityTypes: Set<string>;
  private readonly priority: Map<string, number>;
  private readonly stageRank: Map<string, number>;

  constructor(
    private readonly definitions: DefinitionCache,
    config: Pick<Config, 'identityTypes' | 'identityPriority' | 'stages'>,
  ) {
    this.identityTypes = new Set(config.identityTypes);
    this.priority = new Map(config.identityPriority.map((t, i) => [t, i]));
    this.stageRank = new Map(config.stages.map((s, i) => [s, i]));
  }

  validate(raw: unknown, index: number, ctx: IngestContext): Validation {
    const rawUuid = isPlainObject(raw) && typeof raw.uuid === 'string' ? raw.uuid : null;
    const rawEvent = isPlainObject(raw) && typeof raw.event === 'string' ? visible(raw.event.slice(0, 128)) : null;
    const reject = (code: RejectionCode, path: string, message: string): Validation => ({
      ok: false,
      rejection: { index, uuid: rawUuid, code, message: rawEvent ? `${rawEvent}: ${message}` : message, path },
      raw: JSON.stringify(raw) ?? 'null',
      eventId: rawEvent,
    });

    if (!isPlainObject(raw)) return reject('invalid_event', '', 'an event must be a JSON object');
    const envelope = wireEventSchema.safeParse(raw);
    if (!envelope.success) {
      const issue = envelope.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      return reject(envelopeCodes[field] ?? 'invalid_event', issue.path.join('.'), `${field || 'event'}: ${issue.message}`);
    }
    const e: WireEvent = envelope.data;

    // Properties and context are most of an event and are stored as JSON text anyway; the whole event
    // is serialised and measured in bytes only when their length says it might be over the limit
    // (a UTF-16 code unit is at most 3 UTF-8 bytes). This keeps ingest from serialising every event twice.
    const propertiesText = JSON.stringify(e.properties ?? {});
    const contextText = e.context ? JSON.stringify(e.context) : null;
    // The JSON texts show a NUL as \u0000: only then is the event walked to say where it is.
    if (propertiesText.includes('\\u0000') || contextText?.includes('\\u0000') || findNul([e.uuid, e.event, e.anonymousId, e.identities, e.tags]) !== undefined) {
      const nul = findNul({ uuid: e.uuid, event: e.event, anonymousId: e.anonymousId, identities: e.identities, tags: e.tags, properties: e.properties, context: e.context });
      if (nul !== undefined) return reject(envelopeCodes[nul.split('.')[0]!] ?? 'invalid_event', nul, `${nul}: contains a NUL character (U+0000), which cannot be stored`);
    }
    let chars = propertiesText.length + (contextText?.length ?? 0) + e.event.length + (e.anonymousId?.length ?? 0) + 256;
    for (const tag of e.tags ?? []) chars += tag.length + 3;
    for (const [type, value] of Object.entries(e.identities ?? {})) chars += type.length + value.length + 6;
    if (chars * 3 > limits.maxEventBytes) {
      const bytes = Buffer.byteLength(JSON.stringify(raw));
      if (bytes > limits.maxEventBytes) return reject('event_too_large', '', `the event is ${bytes} bytes; at most ${limits.maxEventBytes} are allowed`);
    }

    if (e.tags) {
      if (e.tags.length > limits.maxTags) return reject('invalid_tags', 'tags', `${e.tags.length} tags; at most ${limits.maxTags} are allowed`);
      const bad = e.tags.findIndex((t) => t.trim() === '' || t.length > limits.maxTagLength);
      if (bad >= 0) return reject('invalid_tags', `tags.${bad}`, `a tag must be 1 to ${limits.maxTagLength} characters`);
    }

    const clientTime = parseTime(e.time);
    if (!clientTime.ok) return reject('invalid_time', 'time', clientTime.message);
    const time = ctx.sentAt === null ? clientTime.ms : ctx.receivedAt - (ctx.sentAt - clientTime.ms);
    if (time > ctx.receivedAt + limits.maxFutureMs) {
      return reject('invalid_time', 'time', `the time is more than 24 hours in the future (after correcting for the client's clock)`);
    }

    const identities: IdentityRef[] = [];
    for (const [type, value] of Object.entries(e.identities ?? {})) {
      if (!this.identityTypes.has(type) || type === 'anonymous') {
        return reject('invalid_identity', `identities.${type}`, `unknown identity type "${type}"; known: ${[...this.identityTypes].filter((t) => t !== 'anonymous').join(', ')}`);
      }
      const normalized = normalizeIdentity(type, value);
      if (normalized === null || normalized.length > limits.maxIdentityLength) {
        return reject('invalid_identity', `identities.${type}`, `the ${type} identity is empty or longer than ${limits.maxIdentityLength} characters`);
      }
      identities.push({ type, value: normalized });
    }
    const anonymousId = e.anonymousId?.trim() || null;
    if (anonymousId) identities.push({ type: 'anonymous', value: anonymousId });
    if (identities.length === 0) return reject('missing_identity', 'anonymousId', 'an event needs an anonymousId or at least one identity');
    identities.sort((a, b) => (this.priority.get(a.type) ?? 99) - (this.priority.get(b.type) ?? 99));

    const compiled = this.definitions.get(e.event);
    if (!compiled) return reject('unknown_event', 'event', `no event is defined with the id "${e.event}"`);
    const { definition } = compiled;
    if (definition.type === 'outbound' && ctx.scope === 'ingest') {
      return reject('not_allowed', 'event', 'a public ingest key may only send inbound events; send outbound events with a server key');
    }

    const properties = compiled.properties.safeParse(e.properties ?? {});
    if (!properties.success) {
      const { code, path, message } = describePropertyIssue(properties.error.issues[0]!, e.properties ?? {}, e.event);
      return reject(code, path, message);
    }

    return {
      ok: true,
      event: {
        uuid: e.uuid.toLowerCase(),
        event: e.event,
        type: definition.type,
        time,
        clientTime: clientTime.ms,
        receivedAt: ctx.receivedAt,
        score: definition.type === 'inbound' ? (definition.score ?? 0) : 0,
        stage: definition.stage,
        stageRank: definition.stage === null ? -1 : (this.stageRank.get(definition.stage) ?? -1),
        properties: propertiesText,
        context: contextText,
        anonymousId,
        identities,
        tags: [...new Set(e.tags ?? [])],
        keyId: ctx.keyId,
        source: ctx.source,
      },
    };
  }
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function describePropertyIssue(issue: z.core.$ZodIssue, properties: Record<string, unknown>, eventId: string): { code: RejectionCode; path: string; message: string } {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    return {
      code: 'unknown_property',
      path: `properties.${key}`,
      message: `unknown property "${key}": it is neither a preset property nor defined on ${eventId}`,
    };
  }
  const key = String(issue.path[0]);
  const path = `properties.${key}`;
  const got = properties[key];
  if (got === undefined || (got === null && issue.code === 'invalid_type')) {
    return { code: 'missing_property', path, message: `the required property "${key}" is missing` };
  }
  const expected = issue.code === 'invalid_type' ? issue.expected : 'an ISO-8601 datetime with a time zone';
  return {
    code: 'invalid_property',
    path,
    message: `property "${key}" expected ${expected}, got ${typeOf(got)} ${JSON.stringify(got).slice(0, 40)}`,
  };
}
