// segment-schemas first: it loads @hono/zod-openapi before any condition schema is built.
import { segmentCondition } from '../segments/segment-schemas';
import { checkCustomerCondition } from '../analysis/check-customer-condition';
import type { CustomerCondition } from '../analysis/customer-condition';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { conditionFromForm, issuesByRow, type SegmentFormValues } from './segment-form';

export type SegmentFormCheck =
  | { ok: true; condition: unknown; resolved: CustomerCondition }
  | { ok: false; formErrors: string[]; rowErrors: Map<number, string[]> };

/**
 * The builder's condition checked as POST /v1/segments checks one: the same zod schema and limits, then
 * the same resolution (activeness levels, known events). What is wrong comes back by row, in words.
 * `values.rows` holds no blank row (the caller drops them), so row numbers match the page's.
 */
export async function checkSegmentForm(values: SegmentFormValues, services: Services, now = Date.now()): Promise<SegmentFormCheck> {
  if (values.rows.length === 0) return { ok: false, formErrors: ['Add at least one condition.'], rowErrors: new Map() };
  const { condition, paths } = conditionFromForm(values);
  const parsed = segmentCondition(services.config.conditionLimits).safeParse(condition);
  if (!parsed.success) {
    const { rows, form } = issuesByRow(parsed.error.issues, paths);
    return { ok: false, formErrors: form, rowErrors: rows };
  }
  try {
    const deps = { definitions: services.definitions, store: services.store.definitions, levels: services.config.activenessLevels };
    return { ok: true, condition, resolved: await checkCustomerCondition(parsed.data, now, deps) };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const message = error.message.replace(/^condition: /, '');
    // Only activeness rows can fail here (a level with a range, an unknown level): the first such row owns it.
    const row = values.rows.findIndex((r) => r.kind === 'activeness' && (r.level !== '' && (r.min !== '' || r.max !== '') || (r.level !== '' && !services.config.activenessLevels.some((l) => l.name === r.level))));
    return row >= 0 ? { ok: false, formErrors: [], rowErrors: new Map([[row, [message]]]) } : { ok: false, formErrors: [message], rowErrors: new Map() };
  }
}
