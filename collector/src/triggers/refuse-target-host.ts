import { HttpError } from '../errors/http-error';
import type { TriggerTargetPolicy } from './trigger-target-policy';

/** A 400 for a trigger URL whose host alone shows it reaches inside (an IP literal or localhost); names are judged again at each delivery. */
export function refuseTargetHost(url: string, policy: TriggerTargetPolicy): void {
  const host = new URL(url).hostname;
  const reason = policy.refusalOfHost(host);
  if (reason === undefined) return;
  throw new HttpError(
    400,
    'invalid_request',
    `url: ${host} is a ${reason} address; triggers deliver only to public addresses unless EVENTLINE_TRIGGER_ALLOWED_HOSTS allows it`,
  );
}
