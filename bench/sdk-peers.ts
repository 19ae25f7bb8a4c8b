import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { rollup, type Plugin } from 'rollup';

/**
 * What every page under test exposes, whatever the SDK: `window.sdk.init(endpoint)` then
 * `window.sdk.track(event, properties)`. The endpoint is the page's own origin (the local stub).
 */
export interface SdkUnderTest {
  name: string;
  version: string;
  /** The script the page loads: the bytes whose gzip -9 size is reported. */
  script: string;
  /** Inline script after it that defines window.sdk. */
  adapter: string;
  /** The persistence and retry options given, as the doc reports them. */
  options: string;
}

const version = (pkg: string) => (JSON.parse(readFileSync(fileURLToPath(new URL(`../node_modules/${pkg}/package.json`, import.meta.url)), 'utf8')) as { version: string }).version;

/** Bundles `entry` (ES module source) with its node_modules dependencies into one minified IIFE, as a site would ship it. */
async function bundle(entry: string): Promise<string> {
  const virtual: Plugin = {
    name: 'entry',
    resolveId: (id) => (id === '\0entry' ? id : null),
    load: (id) => (id === '\0entry' ? entry : null),
  };
  const build = await rollup({
    input: '\0entry',
    onwarn: () => {},
    plugins: [
      virtual,
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true }),
      commonjs(),
    ],
  });
  const { output } = await build.generate({ format: 'iife', inlineDynamicImports: true, plugins: [terser({ ecma: 2020 })] });
  await build.close();
  return output[0].code;
}

// Segment's documented persistence: retryQueue (on by default) keeps undelivered events in localStorage
// and retries them with backoff, also on the next page load. Settings are given inline (cdnSettings),
// so nothing is fetched from Segment's CDN; the Segment.io destination posts to the page's origin.
const segmentEntry = `
import { AnalyticsBrowser } from '@segment/analytics-next';
let analytics;
window.sdk = {
  init(endpoint) {
    const apiHost = endpoint.replace(/^https?:\\/\\//, '') + '/v1';
    const segmentio = { apiKey: 'bench', apiHost, protocol: 'http' };
    analytics = AnalyticsBrowser.load(
      { writeKey: 'bench', cdnSettings: { integrations: { 'Segment.io': segmentio } } },
      { retryQueue: true, integrations: { 'Segment.io': segmentio } },
    );
  },
  track(event, properties) { analytics.track(event, properties); },
};`;

// Snowplow's documented persistence: the outbound queue in localStorage (useLocalStorage, default
// true, up to maxLocalStorageQueueSize), retried on every status but 400/401/403/410/422
// (retryFailedRequests, default true); POST, one event a request (bufferSize 1, the default).
const snowplowEntry = `
import { newTracker, trackSelfDescribingEvent } from '@snowplow/browser-tracker';
window.sdk = {
  init(endpoint) {
    newTracker('sp', endpoint, {
      appId: 'bench', eventMethod: 'post', bufferSize: 1, useLocalStorage: true, maxLocalStorageQueueSize: 1000,
      retryFailedRequests: true, keepalive: true, stateStorageStrategy: 'localStorage', contexts: { webPage: false },
    });
  },
  track(event, properties) {
    trackSelfDescribingEvent({ event: { schema: 'iglu:com.example/' + event + '/jsonschema/1-0-0', data: properties } });
  },
};`;

export async function peers(): Promise<SdkUnderTest[]> {
  return [
    {
      name: '@segment/analytics-next',
      version: version('@segment/analytics-next'),
      script: await bundle(segmentEntry),
      adapter: '',
      options: '`retryQueue: true` (localStorage-persisted retry queue, the default), standard delivery (one request an event)',
    },
    {
      name: '@snowplow/browser-tracker',
      version: version('@snowplow/browser-tracker'),
      script: await bundle(snowplowEntry),
      adapter: '',
      options: '`useLocalStorage: true`, `maxLocalStorageQueueSize: 1000`, `retryFailedRequests: true`, `keepalive: true`, POST, `bufferSize: 1` (the defaults, stated)',
    },
  ];
}

/** Eventline as a site ships it: the built script tag, which defines window.eventline. */
export function eventline(script: string, writeKey: string): SdkUnderTest {
  return {
    name: 'Eventline (@eventline/web script tag)',
    version: version('@eventline/web'),
    script,
    adapter: `window.sdk = { init(endpoint) { eventline.init({ endpoint, writeKey: ${JSON.stringify(writeKey)} }); }, track(e, p) { eventline.track(e, p); } };`,
    options: 'defaults: IndexedDB queue, batches of 20 or every 5 s, retry with backoff',
  };
}
