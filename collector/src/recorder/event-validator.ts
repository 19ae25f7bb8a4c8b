import { limits, wireEventSchema, type Rejection, type RejectionCode, type WireEvent } from '@eventline/protocol';
import type { Config } from '../config';
import type { EventSource, IdentityRef, NewEvent, Scope } from '../store/store';
import { findNul, visible } from '../http/find-nul';
import { describeEnvelopeIssue } from './describe-envelope-issue';
import { describePropertyIssue } from './describe-property-issue';
import type { CompiledDefinition } from './compile-definition';
import { describeValue } from './describe-value';
import { eventTime, type ClockContext } from './event-time';
import { findLoneSurrogate, mayHoldLoneSurrogate, storableJson, withoutLoneSurrogates } from './lone-surrogate';
import { findReservedKey } from './find-reserved-key';
import { normalizeIdentity } from './normalize-identity';

/**
 * What is known of the request an event came in. `sentAt` is the client's clock when it sent the batch,
 * for skew correction: null when not sent, or when implausible (then `ignoredSentAt`, see plausibleSentAt).
 */
export interface IngestContext extends ClockContext {
  scope: Scope;
  keyId: string | null;
  source: EventSource;
}

export type Validation = { ok: true; event: NewEvent } | { ok: false; rejection: Rejection; raw: string; eventId: string | null };

/** NUL-free, well-formed text for a message, path or id kept in quarantine: what the sender wrote may be neither. */
const storable = (text: string) => withoutLoneSurrogates(visible(text));

const backEndEventSchema = wireEventSchema.extend({ time: wireEventSchema.shape.time.optional() });

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const nulCodes: Record<string, RejectionCode> = {
  uuid: 'invalid_uuid',
  anonymousId: 'invalid_identity',
  identities: 'invalid_identity',
  tags: 'invalid_tags',
  properties: 'invalid_property',
};

/** Checks one event of a batch against the protocol and its definition; never throws. */
export class EventValidator {
  private readonly identityTypes: Set<string>;
  private readonly priority: Map<string, number>;
  private readonly stageRank: Map<string, number>;

  constructor(
    /** The compiled definitions by event id: the definitions module keeps them current (DefinitionCache). */
    private readonly definitions: { get(id: string): CompiledDefinition | undefined },
    config: Pick<Config, 'identityTypes' | 'identityPriority' | 'stages'>,
  ) {
    this.identityTypes = new Set(config.identityTypes);
    this.priority = new Map(config.identityPriority.map((t, i) => [t, i]));
    this.stageRank = new Map(config.stages.map((s, i) => [s, i]));
  }

  validate(raw: unknown, index: number, ctx: IngestContext): Validation {
    const rawUuid = isPlainObject(raw) && typeof raw.uuid === 'string' ? raw.uuid : null;
    const rawEvent = isPlainObject(raw) && typeof raw.event === 'string' ? storable(raw.event.slice(0, 128)) : null;
    const reject = (code: RejectionCode, path: string, message: string): Validation => ({
      ok: false,
      rejection: { index, uuid: rawUuid, code, message: storable(message), path: storable(path) },
      raw: storableJson(raw),
      eventId: rawEvent,
    });

    if (!isPlainObject(raw)) {
      return reject('invalid_event', '', `events.${index}: expected an object, got ${describeValue(raw)} — send each event as an object with uuid, event, time and anonymousId`);
    }
    // Back ends (server and admin keys) may leave time out: it is then when the event was received.
    const envelope = (ctx.scope !== 'ingest' && raw.time === undefined ? backEndEventSchema : wireEventSchema).safeParse(raw);
    if (!envelope.success) {
      const { code, path, message } = describeEnvelopeIssue(envelope.error.issues[0]!, raw);
      return reject(code, path, message);
    }
    // The checks below read the event as sent, not zod's copy: z.record drops a "__proto__" key, and
    // what is dropped here would be dropped silently (it is an own key of the parsed JSON, and stored).
    const e = raw as unknown as WireEvent;

    // Properties and context are most of an event and are stored as JSON text anyway; the whole event
    // is serialised and measured in bytes only when their length says it might be over the limit
    // (a UTF-16 code unit is at most 3 UTF-8 bytes). This keeps ingest from serialising every event twice.
    const propertiesText = JSON.stringify(e.properties ?? {});
    const contextText = e.context ? JSON.stringify(e.context) : null;
    const strings = [e.uuid, e.event, e.anonymousId, e.identities, e.tags];
    // The JSON texts show a NUL as \u0000: only then is the event walked to say where it is.
    if (propertiesText.includes('\\u0000') || contextText?.includes('\\u0000') || findNul(strings) !== undefined) {
      const nul = findNul({ uuid: e.uuid, event: e.event, anonymousId: e.anonymousId, identities: e.identities, tags: e.tags, properties: e.properties, context: e.context });
      if (nul !== undefined) return reject(nulCodes[nul.split('.')[0]!] ?? 'invalid_event', nul, `${nul}: contains a NUL character (U+0000), which cannot be stored — remove it`);
    }
    if (mayHoldLoneSurrogate(propertiesText) || (contextText !== null && mayHoldLoneSurrogate(contextText)) || findLoneSurrogate(strings) !== undefined) {
      const broken = findLoneSurrogate({ uuid: e.uuid, event: e.event, anonymousId: e.anonymousId, identities: e.identities, tags: e.tags, properties: e.properties, context: e.context });
      if (broken !== undefined) {
        return reject(
          'invalid_text',
          broken,
          `${broken}: contains a broken character (half of a UTF-16 surrogate pair, as when a string is cut through an emoji), which cannot be stored — ` +
            'cut text by characters, not code units (Array.from(text).slice(0, n).join(""))',
        );
      }
    }
    const reserved = findReservedKey(e.context, 'context');
    if (reserved !== undefined) {
      return reject('unknown_property', reserved, `${reserved}: "__proto__" is not allowed as a key — JavaScript reading the event back would lose it; rename it`);
    }
    let chars = propertiesText.length + (contextText?.length ?? 0) + e.event.length + (e.anonymousId?.length ?? 0) + 256;
    for (const tag of e.tags ?? []) chars += tag.length + 3;
    for (const [type, value] of Object.entries(e.identities ?? {})) chars += type.length + value.length + 6;
    if (chars * 3 > limits.maxEventBytes) {
      const bytes = Buffer.byteLength(JSON.stringify(raw));
      if (bytes > limits.maxEventBytes) {
        return reject('event_too_large', '', `events.${index}: ${bytes} bytes of JSON, at most ${limits.maxEventBytes} are allowed — shorten long values, or send the data as several events`);
      }
    }

    if (e.tags) {
      if (e.tags.length > limits.maxTags) return reject('invalid_tags', 'tags', `tags: ${e.tags.length} tags, at most ${limits.maxTags} are allowed — send the ${limits.maxTags} that matter most`);
      const bad = e.tags.findIndex((t) => t.trim() === '' || t.length > limits.maxTagLength);
      if (bad >= 0) {
        return reject('invalid_tags', `tags.${bad}`, `tags.${bad}: ${describeValue(e.tags[bad])} — a tag must be 1 to ${limits.maxTagLength} characters; shorten it or leave it out`);
      }
    }

    const when = eventTime(e.time, ctx);
    if (!when.ok) return reject('invalid_time', 'time', when.message);

    const identities: IdentityRef[] = [];
    for (const [type, value] of Object.entries(e.identities ?? {})) {
      if (!this.identityTypes.has(type) || type === 'anonymous') {
        const known = [...this.identityTypes].filter((t) => t !== 'anonymous').join(', ');
        return reject('invalid_identity', `identities.${type}`, `identities.${type}: unknown identity type — use one of ${known} (a deployment adds more with EVENTLINE_IDENTITY_TYPES)`);
      }
      const normalized = normalizeIdentity(type, value);
      if (normalized === null || normalized.length > limits.maxIdentityLength) {
        return reject('invalid_identity', `identities.${type}`, `identities.${type}: empty or longer than ${limits.maxIdentityLength} characters — send the ${type} value, or leave it out`);
      }
      identities.push({ type, value: normalized });
    }
    const anonymousId = e.anonymousId?.trim() || null;
    if (anonymousId) identities.push({ type: 'anonymous', value: anonymousId });
    if (identities.length === 0) return reject('missing_identity', 'anonymousId', 'anonymousId: missing, and no identities either — send an anonymousId or at least one identity, such as {"external_id": "u-1"}');
    identities.sort((a, b) => (this.priority.get(a.type) ?? 99) - (this.priority.get(b.type) ?? 99));

    const compiled = this.definitions.get(e.event);
    if (!compiled) return reject('unknown_event', 'event', `event: no event is defined with the id "${e.event}" — define it (POST /v1/definitions) or fix the id; the event is kept in quarantine and can be replayed once defined`);
    const { definition } = compiled;
    if (definition.type === 'outbound' && ctx.scope === 'ingest') {
      return reject('not_allowed', 'event', `event: ${e.event} is an outbound event, which a public ingest key may not send — send outbound events from your back end with a server key`);
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
        time: when.time,
        clientTime: when.clientTime,
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
