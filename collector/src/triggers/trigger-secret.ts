import type { SecretBox } from '../wechat/secret-box';

/**
 * Marks a sealed signing secret. Triggers saved before secrets were sealed hold the secret as typed;
 * those rows keep working (read as they are) until the trigger is created again.
 */
const sealedPrefix = 'sealed:';

/** What the store keeps of a trigger's signing secret: sealed with the collector secret, as WeChat's are. */
export function sealTriggerSecret(box: SecretBox, secret: string): string {
  return `${sealedPrefix}${box.seal(secret)}`;
}

/** The secret to sign with; throws SecretBoxError when EVENTLINE_SECRET changed since it was sealed. */
export function openTriggerSecret(box: SecretBox, stored: string): string {
  return stored.startsWith(sealedPrefix) ? box.open(stored.slice(sealedPrefix.length)) : stored;
}
