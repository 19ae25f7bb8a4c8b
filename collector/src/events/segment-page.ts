const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Segment's context.campaign (parsed from the URL's utm_* by analytics.js) by the preset property it fills. */
const campaignFields = [
  ['source', 'utm_source'],
  ['medium', 'utm_medium'],
  ['name', 'utm_campaign'],
  ['term', 'utm_term'],
  ['content', 'utm_content'],
] as const;

export interface SegmentPage {
  /** The preset properties of `page_view`: url, title, referrer and utm_*. */
  properties: Record<string, string>;
  /** context.page with the page's other properties (path, search, name, category, custom ones) added. */
  page: Record<string, unknown>;
}

/**
 * A Segment page call as a `page_view`. `page_view` takes only preset properties (an unknown one
 * would quarantine the event), so url, title and referrer are taken from the message's properties,
 * else from context.page where analytics.js also puts them; everything else the page sent is kept in
 * context.page rather than dropped. Empty strings (analytics.js sends referrer "" on a direct visit)
 * are left out, as the web SDK leaves out what it does not know.
 */
export function segmentPage(message: Record<string, unknown>, context: Record<string, unknown>): SegmentPage {
  const sent = isObject(message.properties) ? message.properties : {};
  const contextPage = isObject(context.page) ? context.page : {};
  const properties: Record<string, string> = {};
  for (const key of ['url', 'title', 'referrer'] as const) {
    const value = text(sent[key]) ?? text(contextPage[key]);
    if (value !== undefined) properties[key] = value;
  }
  const campaign = isObject(context.campaign) ? context.campaign : {};
  for (const [field, preset] of campaignFields) {
    const value = text(sent[preset]) ?? text(campaign[field]);
    if (value !== undefined) properties[preset] = value;
  }
  const page: Record<string, unknown> = { ...contextPage };
  for (const [key, value] of Object.entries(sent)) if (!(key in properties)) page[key] = value;
  if (text(message.name) !== undefined) page.name = message.name;
  if (text(message.category) !== undefined) page.category = message.category;
  return { properties, page };
}
