import { z } from '@hono/zod-openapi';

/** WeChat's own rules for the server configuration fields. */
const token = z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'a WeChat token is 3 to 32 letters or digits');
const encodingAesKey = z.string().regex(/^[A-Za-z0-9]{43}$/, 'an EncodingAESKey is 43 letters or digits');
const name = z.string().trim().min(1).max(128);

export const createBody = z
  .object({
    /** The callback URL's segment; the AppID when not given. */
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64')
      .refine((id) => id !== 'accounts', 'the callback URL of an account named "accounts" would be the accounts API')
      .optional(),
    name,
    appId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an AppID is letters and digits'),
    token,
    encodingAesKey: encodingAesKey.nullable().optional(),
  })
  .openapi('NewWechatAccount');

export const patchBody = z
  .object({ name: name.optional(), token: token.optional(), encodingAesKey: encodingAesKey.nullable().optional() })
  .openapi('WechatAccountChanges');

export const accountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    appId: z.string(),
    safeMode: z.boolean().openapi({ description: 'An EncodingAESKey is set, so safe-mode (encrypted) pushes are taken' }),
    callbackPath: z.string().openapi({ description: 'The URL path to enter in the account’s server configuration' }),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('WechatAccount', { description: 'Never the token or the EncodingAESKey' });
