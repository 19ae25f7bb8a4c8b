import { z } from 'zod';

/** The identity types a collector knows by default; a deployment may configure more. */
export const identityTypes = [
  'anonymous',
  'external_id',
  'mobile',
  'email',
  'wechat_openid',
  'wechat_unionid',
] as const;

export type KnownIdentityType = (typeof identityTypes)[number];

/**
 * Identities an event carries besides its anonymousId, by type. Unknown types are allowed on the
 * wire (a collector may be configured with more) and rejected by the collector that does not know them.
 */
export type Identities = Partial<Record<KnownIdentityType, string>> & Record<string, string>;

export const identitiesSchema = z.record(z.string().min(1).max(64), z.string()) satisfies z.ZodType<Identities>;
