import { createHash } from 'node:crypto';
import { HttpError } from '../errors/http-error';
import type { ReplayGuard } from './replay-guard';

export interface SignedPush {
  account: string;
  timestamp: string;
  nonce: string;
  /** A plaintext push's body, which its signature does not cover; undefined in safe mode, where it does. */
  unsignedBody?: string;
}

/** A 403 for a push whose signature matched but which is stale or a replay; call it after the signature check. */
export function refuseReplayedPush(guard: ReplayGuard, push: SignedPush, now = Date.now()): void {
  const minutes = Math.round(guard.windowMs / 60_000);
  const verdict =
    push.unsignedBody === undefined
      ? guard.isFresh(push.timestamp, now)
        ? 'fresh'
        : 'stale'
      : guard.admit(push.account, push.timestamp, push.nonce, createHash('sha256').update(push.unsignedBody).digest('hex'), now);
  if (verdict === 'stale') {
    throw new HttpError(403, 'forbidden', `the timestamp is more than ${minutes} minutes from the collector's clock: a delayed or replayed request (or a wrong clock)`, {
      reason: 'stale_timestamp',
    });
  }
  if (verdict === 'replayed') {
    throw new HttpError(403, 'forbidden', 'this timestamp and nonce were already used with another body: a replayed request', { reason: 'replayed_nonce' });
  }
}
