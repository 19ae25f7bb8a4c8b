import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';
import type { CustomerCondition } from '../analysis/customer-condition';
import { segmentMembers, type SegmentMember, type SegmentReader } from '../segments/segment-members';

/** Members per store query while streaming: memory holds about one such page at a time. */
const pageSize = 500;

/** One column per identity type, then the figures; times as ISO 8601 UTC, which spreadsheets read. */
function csvRows(members: SegmentMember[], identityTypes: readonly string[]): string[][] {
  return members.map((m) => [m.id, ...identityTypes.map((t) => (m.identities[t] ?? []).join(' ')), String(m.activeness), m.activenessLevel, m.stage ?? '', new Date(m.lastSeen).toISOString()]);
}

/**
 * Every member of a segment as a download, CSV or NDJSON, read a page at a time as the browser takes them.
 * The 200 is sent before the last page is read: a stream cut short is how a failure shows.
 */
export function segmentMembersDownload(c: Context, reader: SegmentReader, condition: CustomerCondition, format: 'csv' | 'ndjson', filename: string, identityTypes: readonly string[]) {
  const encoder = new TextEncoder();
  let after: string | undefined;
  let first = true;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const page = await segmentMembers(reader, condition, { limit: pageSize, ...(after !== undefined && { cursor: after }) });
        const text =
          format === 'ndjson'
            ? page.items.map((m) => `${JSON.stringify(m)}\n`).join('')
            : stringify(csvRows(page.items, identityTypes), first ? { header: true, columns: ['id', ...identityTypes, 'activeness', 'activeness_level', 'stage', 'last_seen'] } : {});
        first = false;
        if (text !== '') controller.enqueue(encoder.encode(text));
        if (page.nextCursor !== null) after = page.nextCursor;
        else controller.close();
      },
    },
    { highWaterMark: 1 },
  );
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
  return c.body(stream, 200, { 'content-type': type, 'content-disposition': `attachment; filename="${filename}.${format}"` });
}
