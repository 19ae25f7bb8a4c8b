import type { Properties } from '@eventline/protocol';

/** The preset properties of a `page_view`: url, title, referrer and the utm_* of the current URL. */
export function pageProperties(): Properties {
  const properties: Properties = { url: location.href, title: document.title, referrer: document.referrer };
  // A repeated utm_* keeps its last value.
  for (const [key, value] of new URLSearchParams(location.search)) {
    if (value && /^utm_(source|medium|campaign|term|content)$/.test(key)) properties[key] = value;
  }
  return properties;
}
