// @vitest-environment happy-dom
import { expect, it } from 'vitest';
import { pageProperties } from './page-properties';

it('fills url, title, referrer and the utm_* of the current URL', () => {
  history.replaceState(null, '', '/pricing?utm_source=newsletter&utm_campaign=spring&utm_medium=&other=1');
  document.title = 'Pricing';
  expect(pageProperties()).toEqual({
    url: `${location.origin}/pricing?utm_source=newsletter&utm_campaign=spring&utm_medium=&other=1`,
    title: 'Pricing',
    referrer: document.referrer,
    utm_source: 'newsletter',
    utm_campaign: 'spring',
  });
});
