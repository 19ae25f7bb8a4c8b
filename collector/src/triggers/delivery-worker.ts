import { defaultActivenessLevels, parseActivenessLevels, type ActivenessLevel } from '../customers/activeness-levels';
import { mapConcurrently } from '../background/map-concurrently';
import { PollingLoop } from '../background/polling-loop';
import type { Logger } from '../logger';
import type { CustomerRecord } from '../store/customer-store';
import type { StoredEvent } from '../store/event-store';
import type { AttemptRecord, ClaimedDelivery, TriggerStore } from '../store/trigger-store';
import { SecretBoxError, type SecretBox } from '../wechat/secret-box';
import { deliveryCustomer, type DeliveryCustomer } from './delivery-customer';
import { keepAliveAgents, postDelivery, type DeliveryAgents } from './post-delivery';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from './retry-delay';
import { signatureHeader, signDelivery } from './sign-delivery';
import { openTriggerSecret } from './trigger-secret';
import type { TriggerTargetPolicy } from './trigger-target-policy';

export interface DeliveryWorkerOptions {
  /** How often to look for due deliveries. */
  intervalMs: number;
  /** A receiver that has not answered by then counts as a failed attempt. */
  timeoutMs: number;
  /** Deliveries claimed per look: read, sent and recorded together. */
  batch: number;
  /** Requests in flight at once (EVENTLINE_DELIVERY_CONCURRENCY); 32 when left out. */
  concurrency?: number;
  policy: RetryPolicy;
  /** The levels the customer's activenessLevel is named by (EVENTLINE_ACTIVENESS_LEVELS); the defaults when left out. */
  activenessLevels?: readonly ActivenessLevel[];
}

/** What a delivery needs beyond the store: the box the signing secrets are sealed in, and where it may connect. */
export interface DeliverySecurity {
  secrets: SecretBox;
  targets: TriggerTargetPolicy;
}

export const defaultDeliveryOptions: DeliveryWorkerOptions = { intervalMs: 1_000, timeoutMs: 10_000, batch: 256, concurrency: 32, policy: defaultRetryPolicy };

/** What a receiver gets: the event as stored, with the ids to dedupe on (delivery is at least once). */
export interface DeliveryBody {
  delivery: string;
  trigger: string;
  event: {
    uuid: string;
    event: string;
    type: string;
    customerId: string;
    time: number;
    receivedAt: number;
    properties: Record<string, unknown>;
    tags: string[];
    source: string;
  };
  /** As the customer is when the delivery is sent; null only if the customer is no longer stored. */
  customer: DeliveryCustomer | null;
}

/**
 * Sends due outbox deliveries, signed, one attempt each per look; a failure is retried with
 * exponential backoff and jitter until 24 h after the event, then given up. Everything it knows is in
 * the store, so a restart picks up where it stopped (a delivery in flight during a crash is sent again,
 * with the same delivery id for the receiver to dedupe on).
 *
 * A look works on a batch: one statement claims it, one reads its events, one its customers, the
 * attempts go out `concurrency` at a time on keep-alive connections, and one transaction records them
 * all. Per delivery, those reads and writes were what kept deliveries to a few tens a second.
 */
export class DeliveryWorker {
  /** Counted for the metrics since start: attempts that failed, and deliveries given up. */
  readonly failures = { attempts: 0, givenUp: 0 };
  private readonly levels: readonly ActivenessLevel[];
  private readonly concurrency: number;
  private readonly agents: DeliveryAgents = keepAliveAgents();
  private readonly loop: PollingLoop;

  constructor(
    private readonly stores: { triggers: TriggerStore },
    private readonly log: Logger,
    private readonly options: DeliveryWorkerOptions,
    private readonly security: DeliverySecurity,
  ) {
    this.levels = options.activenessLevels ?? (parseActivenessLevels(defaultActivenessLevels) as ActivenessLevel[]);
    this.concurrency = Math.max(1, options.concurrency ?? 32);
    this.loop = new PollingLoop({
      intervalMs: options.intervalMs,
      // A full batch means more may be due: look again at once rather than one interval per batch.
      turn: async () => (await this.runOnce()) === options.batch,
      onError: (error) => this.log.error('delivery worker failed', { error: String(error) }),
    });
  }

  start(): void {
    this.loop.start();
  }

  /** Stops looking and waits for the attempts in flight to be recorded. */
  async stop(): Promise<void> {
    await this.loop.stop();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** One look: claims the due deliveries and attempts each. Answers how many were attempted. */
  async runOnce(now = Date.now()): Promise<number> {
    const { triggers } = this.stores;
    const { batch, timeoutMs } = this.options;
    // The lease outlasts the slowest batch (every request taking its whole timeout, `concurrency` at a
    // time, then the record), so a delivery is not claimed twice while in flight.
    const leaseMs = timeoutMs * (Math.ceil(batch / this.concurrency) + 1) + 1_000;
    const claimed = await triggers.claimDue(now, batch, leaseMs);
    if (claimed.length === 0) return 0;
    const events = await triggers.deliveryEvents(claimed.map((d) => d.eventUuid));
    const customers = await triggers.deliveryCustomers([...new Set([...events.values()].map((e) => e.customerId))]);
    const secrets = new Map<string, string | undefined>();
    const records = await mapConcurrently(claimed, this.concurrency, (d) => {
      if (!secrets.has(d.triggerId)) secrets.set(d.triggerId, this.signingSecret(d));
      return this.attempt(d, events.get(d.eventUuid), customers, secrets.get(d.triggerId));
    });
    await triggers.recordAttempts(records);
    return claimed.length;
  }

  private async attempt(d: ClaimedDelivery, event: StoredEvent | undefined, customers: Map<string, CustomerRecord>, secret: string | undefined): Promise<AttemptRecord> {
    const { policy, timeoutMs } = this.options;
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    let refused = false;
    if (!event) {
      error = 'the event is no longer stored';
    } else if (secret === undefined) {
      error = 'the signing secret cannot be read: EVENTLINE_SECRET changed since the trigger was created; create it again';
    } else {
      const { uuid, event: id, type, customerId, time, receivedAt, properties, tags, source } = event;
      const record = customers.get(customerId);
      const customer = record === undefined ? null : deliveryCustomer(record, this.levels);
      const body = JSON.stringify({
        delivery: d.id,
        trigger: d.triggerId,
        event: { uuid, event: id, type, customerId: customer?.id ?? customerId, time, receivedAt, properties, tags, source },
        customer,
      } satisfies DeliveryBody);
      const outcome = await postDelivery(
        d.url,
        {
          'content-type': 'application/json',
          'user-agent': 'eventline-collector',
          [signatureHeader]: signDelivery(secret, started, body),
          'eventline-delivery': d.id,
          'eventline-event': uuid,
          'eventline-attempt': String(d.attempts + 1),
        },
        body,
        timeoutMs,
        this.security.targets,
        this.agents,
      );
      ({ status, error, refused } = outcome);
    }
    const at = Date.now();
    // How long a refused target took to refuse would tell what is listening there.
    const attempt = { at: started, durationMs: refused ? 0 : at - started, status, error };
    if (error === null) return { deliveryId: d.id, attempt, next: { status: 'delivered' } };
    this.failures.attempts++;
    const deadline = d.createdAt + policy.giveUpAfterMs;
    if (!event || secret === undefined || at >= deadline) {
      this.failures.givenUp++;
      this.log.info('delivery given up', { delivery: d.id, trigger: d.triggerId, attempts: d.attempts + 1, error });
      return { deliveryId: d.id, attempt, next: { status: 'failed' } };
    }
    // The last retry falls on the deadline itself rather than past it.
    return { deliveryId: d.id, attempt, next: { status: 'pending', at: Math.min(at + retryDelay(d.attempts + 1, policy), deadline) } };
  }

  private signingSecret(d: ClaimedDelivery): string | undefined {
    try {
      return openTriggerSecret(this.security.secrets, d.secret);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      return undefined;
    }
  }
}
