import type { Properties } from '@eventline/protocol';

const utmKeys = ['source', 'medium', 'campaign', 'term', 'content'].map((key) => `utm_${key}`);

/** The preset properties of a `page_view`: url, title, referrer and the utm_* of the current URL. */
export function pageProperties(): Properties {
  const properties: Properties = { url: location.href, title: document.title, referrer: document.referrer };
  const query = new URLSearchParams(location.search);
  for (const key of utmKeys) {
    const value = query.get(key);
    if (value) properties[key] = value;
  }
  return properties;
}
