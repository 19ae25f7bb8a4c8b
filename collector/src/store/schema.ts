import type { Generated } from 'kysely';

/** The tables, as Kysely sees them. Times are epoch milliseconds; JSON columns are text. */
export interface Database {
  keys: {
    id: string;
    name: string;
    hash: string;
    scope: string;
    allowed_origins: string;
    created_at: number;
    revoked_at: number | null;
    /** Events per second this key may send; null: the collector's default. */
    rate_limit: number | null;
  };
  definitions: {
    id: string;
    name: string;
    type: string;
    score: number | null;
    stage: string | null;
    group_id: string | null;
    properties: string;
    system: number;
    default_score: number | null;
    default_stage: string | null;
    created_at: number;
    updated_at: number;
    deleted_at: number | null;
  };
  definition_groups: {
    id: string;
    name: string;
    created_at: number;
  };
  customers: {
    id: string;
    created_at: number;
    first_seen: number;
    last_seen: number;
    activeness: number;
    event_count: number;
    stage: string | null;
    stage_rank: number;
    merged_into: string | null;
  };
  identities: {
    type: string;
    value: string;
    customer_id: string;
    created_at: number;
  };
  events: {
    seq: Generated<number>;
    uuid: string;
    event: string;
    type: string;
    customer_id: string;
    time: number;
    client_time: number;
    received_at: number;
    score: number;
    properties: string;
    context: string | null;
    anonymous_id: string | null;
    source: string;
    key_id: string | null;
  };
  event_tags: {
    event_uuid: string;
    tag: string;
    customer_id: string;
    time: number;
  };
  /** A merge an event asked for and did not get (resolve-customer.ts). */
  identity_conflicts: {
    id: Generated<number>;
    event_uuid: string;
    customer_id: string;
    other_customer_id: string;
    /** JSON array of the event's identities that named the other customer. */
    identities: string;
    reason: string;
    created_at: number;
  };
  /** Event triggers: a webhook per matching event, delivered from the deliveries outbox. */
  triggers: {
    id: string;
    event: string;
    /** JSON array of property conditions, all of which must hold. */
    where: string;
    url: string;
    /** The HMAC key; needed in the clear to sign. */
    secret: string;
    created_at: number;
    deleted_at: number | null;
    /** Follow-up triggers: the event that must not follow within `within_ms`; null for a plain trigger. */
    unless_event: string | null;
    /** JSON array of property conditions on the unless event. */
    unless_where: string | null;
    within_ms: number | null;
    /** Fires only for members of this segment. */
    segment_id: string | null;
  };
  /** Saved customer conditions: `condition` is the JSON as written, resolved (relative windows) at each use. */
  segments: {
    id: string;
    name: string;
    condition: string;
    created_at: number;
    updated_at: number;
  };
  /** One per follow-up trigger and matching event: checked at due_at, then turned into a delivery or dropped. */
  timers: {
    trigger_id: string;
    event_uuid: string;
    customer_id: string;
    event_time: number;
    due_at: number;
    /** Moved past due_at while a worker holds the timer, like a delivery's next_attempt_at. */
    next_check_at: number;
  };
  deliveries: {
    id: string;
    trigger_id: string;
    event_uuid: string;
    status: string;
    attempts: number;
    next_attempt_at: number;
    created_at: number;
    delivered_at: number | null;
    last_error: string | null;
  };
  delivery_attempts: {
    delivery_id: string;
    attempt: number;
    at: number;
    duration_ms: number;
    /** The receiver's HTTP status; null when no answer came. */
    status: number | null;
    error: string | null;
  };
  quarantine: {
    id: Generated<number>;
    uuid: string | null;
    event: string | null;
    code: string;
    message: string;
    path: string;
    raw: string;
    received_at: number;
    sent_at: number | null;
    key_id: string | null;
    scope: string;
    attempts: number;
    status: string;
    resolved_at: number | null;
  };
  client_drops: {
    id: Generated<number>;
    received_at: number;
    key_id: string | null;
    anonymous_id: string | null;
    count: number;
  };
  materials: {
    id: string;
    name: string;
    type: string;
    /** JSON array of strings. */
    tags: string;
    created_at: number;
    updated_at: number;
  };
  wechat_accounts: {
    id: string;
    name: string;
    app_id: string;
    /** Sealed with the collector secret, never stored in the clear. */
    token: string;
    encoding_aes_key: string | null;
    created_at: number;
    updated_at: number;
  };
  meta: {
    key: string;
    value: string;
  };
  console_sessions: {
    /** SHA-256 of the token in the browser's cookie: the table alone opens no session. */
    id_hash: string;
    key_hash: string;
    scope: string;
    csrf: string;
    expires_at: number;
    /** JSON of the message for the next page, or null. */
    flash: string | null;
  };
  /** Identities whose events are refused: erased on request, or added by hand. */
  suppressions: {
    type: string;
    value: string;
    created_at: number;
  };
  /** Data-rights actions (export, erasure, suppression changes): who, what, counts; never event data. */
  audit_log: {
    id: Generated<number>;
    at: number;
    key_id: string | null;
    action: string;
    target: string;
    /** JSON object of counts. */
    counts: string;
  };
}
