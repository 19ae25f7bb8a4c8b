import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema';
import type { WechatAccountRecord, WechatAccountStore } from '../wechat-account-store';

const toRecord = (row: Selectable<Database['wechat_accounts']>): WechatAccountRecord => ({
  id: row.id,
  name: row.name,
  appId: row.app_id,
  sealedToken: row.token,
  sealedEncodingAesKey: row.encoding_aes_key,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function wechatQueries(db: Kysely<Database>): WechatAccountStore {
  const get = async (id: string) => {
    const row = await db.selectFrom('wechat_accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  };
  return {
    async list() {
      return (await db.selectFrom('wechat_accounts').selectAll().orderBy('id').execute()).map(toRecord);
    },
    get,
    async create(account) {
      const now = Date.now();
      const result = await db
        .insertInto('wechat_accounts')
        .values({
          id: account.id,
          name: account.name,
          app_id: account.appId,
          token: account.sealedToken,
          encoding_aes_key: account.sealedEncodingAesKey,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async update(id, { name, sealedToken, sealedEncodingAesKey }) {
      const result = await db
        .updateTable('wechat_accounts')
        .set({
          ...(name !== undefined ? { name } : {}),
          ...(sealedToken !== undefined ? { token: sealedToken } : {}),
          ...(sealedEncodingAesKey !== undefined ? { encoding_aes_key: sealedEncodingAesKey } : {}),
          updated_at: Date.now(),
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0 ? get(id) : undefined;
    },
    async delete(id) {
      const result = await db.deleteFrom('wechat_accounts').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
