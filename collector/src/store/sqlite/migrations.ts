import type { Migration } from 'kysely';
import { initial } from './migrations/0001-initial';
import { analysis } from './migrations/0005-analysis';
import { customers } from './migrations/0003-customers';
import { keysAndExport } from './migrations/0004-keys-and-export';
import { wechatMaterials } from './migrations/0006-wechat-materials';
import { ingestIndexes } from './migrations/0007-ingest-indexes';
import { consoleSessions } from './migrations/0008-console-sessions';
import { identityConflicts } from './migrations/0009-identity-conflicts';
import { segmentsAndFollowUpTriggers } from './migrations/0010-segments-and-follow-up-triggers';
import { dataRights } from './migrations/0011-data-rights';

/**
 * SQLite schema migrations, in order. Never edit one that has shipped: add the next.
 * Times are epoch milliseconds (INTEGER); JSON is TEXT.
 */
export const sqliteMigrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0005-analysis': analysis,
  '0003-customers': customers,
  '0004-keys-and-export': keysAndExport,
  '0006-wechat-materials': wechatMaterials,
  '0007-ingest-indexes': ingestIndexes,
  '0008-console-sessions': consoleSessions,
  '0009-identity-conflicts': identityConflicts,
  '0010-segments-and-follow-up-triggers': segmentsAndFollowUpTriggers,
  '0011-data-rights': dataRights,
};
