import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Store } from '../store';
import { analysisQueries } from './analysis-queries';
import { auditQueries } from './audit-queries';
import { consoleSessionQueries } from './console-session-queries';
import { customerQueries } from './customer-queries';
import { definitionQueries } from './definition-queries';
import { deliveriesAboutQuery } from './deliveries-about-query';
import { distributionQuery } from './distribution-query';
import { eventQueries } from './event-queries';
import { exportQueries } from './export-queries';
import { funnelQuery } from './funnel-query';
import { groupQueries } from './group-queries';
import type { JsonDialect } from './json-dialect';
import { keyQueries } from './key-queries';
import { materialQueries } from './material-queries';
import { metaQueries } from './meta-queries';
import { quarantineQueries } from './quarantine-queries';
import { segmentQueries } from './segment-queries';
import { suppressionQueries } from './suppression-queries';
import { triggerQueries } from './trigger-queries';
import { wechatQueries } from './wechat-queries';

/** The parts of a Store that are the same Kysely queries on every engine; each store adds its event writer. */
export function storeQueries(
  db: Kysely<Database>,
  json: JsonDialect,
  options: { skipLocked: boolean },
): Omit<Store, 'events' | 'retention' | 'erasure' | 'reads' | 'checkWritable' | 'close'> & { events: Omit<Store['events'], 'write' | 'queue'>; erasure: Omit<Store['erasure'], 'erase'> } {
  return {
    keys: keyQueries(db),
    definitions: definitionQueries(db),
    groups: groupQueries(db),
    events: { ...eventQueries(db), ...exportQueries(db) },
    analysis: {
      ...analysisQueries(db, json),
      distribution: (scope, by, intervals) => distributionQuery(db, json, scope, by, intervals),
      funnel: (query) => funnelQuery(db, json, query),
    },
    triggers: triggerQueries(db, options),
    segments: segmentQueries(db),
    quarantine: quarantineQueries(db),
    materials: materialQueries(db),
    wechat: wechatQueries(db),
    meta: metaQueries(db),
    customers: customerQueries(db),
    consoleSessions: consoleSessionQueries(db),
    suppressions: suppressionQueries(db),
    audit: auditQueries(db),
    erasure: { deliveriesAbout: (customerId, page) => deliveriesAboutQuery(db, customerId, page) },
  };
}
