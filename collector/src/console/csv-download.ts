import type { Context } from 'hono';

/** `text` as a CSV file the browser saves as `filename`. */
export function csvDownload(c: Context, text: string, filename: string) {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${filename}"`);
  return c.body(text);
}
