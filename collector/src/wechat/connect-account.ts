import type { z } from 'zod';
import type { Services } from '../services';
import type { createBody } from './wechat-account-schemas';

/** Stores a new official account with its token and EncodingAESKey sealed; false when its id or AppID is taken. */
export async function connectWechatAccount(services: Pick<Services, 'store' | 'secrets'>, body: z.output<typeof createBody>): Promise<{ id: string; created: boolean }> {
  const id = body.id ?? body.appId;
  const created = await services.store.wechat.create({
    id,
    name: body.name,
    appId: body.appId,
    sealedToken: services.secrets.seal(body.token),
    sealedEncodingAesKey: body.encodingAesKey ? services.secrets.seal(body.encodingAesKey) : null,
  });
  return { id, created };
}
