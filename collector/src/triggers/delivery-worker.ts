import { defaultActivenessLevels, parseActivenessLevels, type ActivenessLevel } from '../customers/activeness-levels';
import type { Logger } from '../logger';
import type { CustomerStore, EventStore } from '../store/store';
import type { ClaimedDelivery, TriggerStore } from '../store/trigger-store';
import { SecretBoxError, type SecretBox } from '../wechat/secret-box';
import { deliveryCustomer, type DeliveryCustomer } from './delivery-customer';
import { postDelivery } from './post-delivery';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from './retry-delay';
import { signatureHeader, signDelivery } from './sign-delivery';
import { openTriggerSecret } from './trigger-secret';
import type { TriggerTargetPolicy } from './trigger-target-policy';

export interface DeliveryWorkerOptions {
  /** How often to look for due deliveries. */
  intervalMs: number;
  /** A receiver that has not answered by then counts as a failed attempt. */
  timeoutMs: number;
  /** Deliveries sent at once per look. */
  batch: number;
  policy: RetryPolicy;
  /** The levels the customer's activenessLevel is named by (EVENTLINE_ACTIVENESS_LEVELS); the defaults when left out. */
  activenessLevels?: readonly ActivenessLevel[];
}

/** What a delivery needs beyond the store: the box the signing secrets are sealed in, and where it may connect. */
export interface DeliverySecurity {
  secrets: SecretBox;
  targets: TriggerTargetPolicy;
}

export const defaultDeliveryOptions: DeliveryWorkerOptions = { intervalMs: 1_000, timeoutMs: 10_000, batch: 20, policy: defaultRetryPolicy };

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
 * the store, so a restart picks up where it stopped (a delivery in flight during a crash is sent again).
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;
  /** Counted for the metrics since start: attempts that failed, and deliveries given up. */
  readonly failures = { attempts: 0, givenUp: 0 };
  private readonly levels: readonly ActivenessLevel[];

  constructor(
    private readonly stores: { triggers: TriggerStore; events: EventStore; customers: Pick<CustomerStore, 'get'> },
    private readonly log: Logger,
    private readonly options: DeliveryWorkerOptions,
    private readonly security: DeliverySecurity,
  ) {
    this.levels = options.activenessLevels ?? (parseActivenessLevels(defaultActivenessLevels) as ActivenessLevel[]);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Stops looking and waits for the attempts in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((error: unknown) => this.log.error('delivery worker failed', { error: String(error) }))
        .finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /**
   * Looks again at once while a look comes back full: a minute in which thousands of follow-up timers
   * fall due would otherwise wait one interval per 20 deliveries (bench/timers.ts).
   */
  private async drain(): Promise<void> {
    while (!this.stopped && (await this.runOnce()) === this.options.batch);
  }

  /** One look: claims the due deliveries and attempts each. Answers how many were attempted. */
  async runOnce(now = Date.now()): Promise<number> {
    // The lease outlasts the request's timeout, so a delivery is not claimed twice while in flight.
    const claimed = await this.stores.triggers.claimDue(now, this.options.batch, this.options.timeoutMs * 2 + 1_000);
    await Promise.all(claimed.map((d) => this.attempt(d)));
    return claimed.length;
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const { policy, timeoutMs } = this.options;
    const event = await this.stores.events.get(d.eventUuid);
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    let refused = false;
    const secret = this.signingSecret(d);
    if (!event) {
      error = 'the event is no longer stored';
    } else if (secret === undefined) {
      error = 'the signing secret cannot be read: EVENTLINE_SECRET changed since the trigger was created; create it again';
    } else {
      const { uuid, event: id, type, customerId, time, receivedAt, properties, tags, source } = event;
      const customer = await deliveryCustomer(this.stores.customers, customerId, this.levels);
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
      );
      ({ status, error, refused } = outcome);
    }
    const at = Date.now();
    // How long a refused target took to refuse would tell what is listening there.
    const attempt = { at: started, durationMs: refused ? 0 : at - started, status, error };
    if (error === null) return this.stores.triggers.recordAttempt(d.id, attempt, { status: 'delivered' });
    this.failures.attempts++;
    const deadline = d.createdAt + policy.giveUpAfterMs;
    if (!event || secret === undefined || at >= deadline) {
      this.failures.givenUp++;
      this.log.info('delivery given up', { delivery: d.id, trigger: d.triggerId, attempts: d.attempts + 1, error });
      return this.stores.triggers.recordAttempt(d.id, attempt, { status: 'failed' });
    }
    // The last retry falls on the deadline itself rather than past it.
    return this.stores.triggers.recordAttempt(d.id, attempt, { status: 'pending', at: Math.min(at + retryDelay(d.attempts + 1, policy), deadline) });
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
