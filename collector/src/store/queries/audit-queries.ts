import type { Kysely } from 'kysely';
import type { AuditAction, AuditStore } from '../audit-store';
import type { Database } from '../schema';

export function auditQueries(db: Kysely<Database>): AuditStore {
  return {
    async append({ at, keyId, action, target, counts }) {
      await db.insertInto('audit_log').values({ at, key_id: keyId, action, target, counts: JSON.stringify(counts) }).execute();
    },
    async list({ limit, cursor }) {
      let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit + 1);
      if (cursor != null) q = q.where('id', '<', cursor);
      const rows = await q.execute();
      const items = rows.slice(0, limit).map((r) => ({
        id: Number(r.id),
        at: r.at,
        keyId: r.key_id,
        action: r.action as AuditAction,
        target: r.target,
        counts: JSON.parse(r.counts) as Record<string, number>,
      }));
      return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
    },
  };
}
