import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a delivery's signature travels in: `t=<epoch ms>,v1=<hex HMAC-SHA256>`. */
export const signatureHeader = 'eventline-signature';

/** HMAC-SHA256 with the trigger's secret over `${timestamp}.${body}`: the timestamp is signed so a captured request cannot be replayed later. */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** What a receiver does: true when the header signs this body with this secret within `toleranceMs` of `now`. */
export function verifyDelivery(secret: string, header: string, body: string, now = Date.now(), toleranceMs = 5 * 60_000): boolean {
  const fields = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(fields.get('t'));
  const mac = fields.get('v1') ?? '';
  if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > toleranceMs) return false;
  const expected = signDelivery(secret, timestamp, body).split(',v1=')[1]!;
  return mac.length === expected.length && timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
}
