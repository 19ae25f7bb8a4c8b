import type { Migration } from 'kysely';
import { initial } from './migrations/0001-initial';
import { consoleSessions } from './migrations/0002-console-sessions';
import { identityConflicts } from './migrations/0003-identity-conflicts';
import { segmentsAndFollowUpTriggers } from './migrations/0004-segments-and-follow-up-triggers';
import { dataRights } from './migrations/0005-data-rights';

/**
 * PostgreSQL schema migrations, in order. Never edit one that has shipped: add the next.
 *
 * Same tables and columns as store/schema.ts (the shared queries run on both engines). Times are epoch
 * ms (bigint). Text is `collate "C"`: ordering and comparisons byte-wise as on SQLite, whatever the
 * database's locale (a cursor compared in JS must sort as the database sorts).
 */
export const postgresMigrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-console-sessions': consoleSessions,
  '0003-identity-conflicts': identityConflicts,
  '0004-segments-and-follow-up-triggers': segmentsAndFollowUpTriggers,
  '0005-data-rights': dataRights,
};
