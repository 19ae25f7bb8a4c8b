import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readEvents, startCollector, type RunningCollector } from '../../../test/support/collector-process';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createFakeHost } from './testing/fake-host';
import { addToCartDefinition } from '../../../collector/src/testing/add-to-cart-definition';

const example = fileURLToPath(new URL('../../../examples/miniprogram/', import.meta.url));
const bundle = fileURLToPath(new URL('../dist/eventline-miniprogram.min.js', import.meta.url));

let collector: RunningCollector;

beforeAll(async () => {
  collector = await startCollector();
  const response = await fetch(`${collector.url}/v1/definitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${collector.adminKey}` },
    // As the README's walkthrough defines it, which the example's call must satisfy.
    body: JSON.stringify(addToCartDefinition),
  });
  expect(response.status).toBe(201);
});

afterAll(async () => {
  await collector.stop();
});

type Config = Record<string, (this: unknown, ...args: unknown[]) => unknown>;

/** Evaluates a CommonJS file as the host does (Node would take the bundle for ESM: its package is "type": "module"). */
function commonJs(code: string, globals: Record<string, unknown> = {}): unknown {
  const module = { exports: {} as unknown };
  const names = Object.keys(globals);
  new Function('module', 'exports', ...names, code)(module, module.exports, ...names.map((n) => globals[n]));
  return module.exports;
}

/**
 * Runs a file of the example the way the host does: CommonJS with `App`, `Page` and `getApp` as
 * globals. Its requires get the built bundle and a config pointing at the test's collector.
 */
function runModule(file: string, globals: Record<string, unknown>) {
  const required: Record<string, unknown> = {
    './libs/eventline-miniprogram.min.js': commonJs(readFileSync(bundle, 'utf8')),
    './config.js': { endpoint: collector.url, writeKey: collector.writeKey },
  };
  const require = (path: string) => {
    if (!(path in required)) throw new Error(`the example requires ${path}`);
    return required[path];
  };
  commonJs(readFileSync(`${example}${file}`, 'utf8'), { require, ...globals });
}

it('the WeChat example records its launch, page view, custom event and share through the built bundle', async () => {
  expect(existsSync(bundle), 'run `npm run build` first: this test runs the built bundle').toBe(true);
  const fake = createFakeHost('wx', { launch: { scene: 1011, path: 'pages/index/index', query: { from: 'poster' } } });
  const restore = fake.install();
  try {
    const wx = fake.host.api as unknown as Record<string, unknown>;
    wx.login = () => {}; // the login round trip needs a server of the app's own
    let app: Config | undefined;
    let page: Config | undefined;
    runModule('app.js', { App: (config: Config) => (app = config), wx });
    app!.onLaunch!.call(app);
    runModule('pages/index/index.js', { Page: (config: Config) => (page = config), getApp: () => app });

    // What the host does: make the page instance from its config, show it, then the user acts.
    const instance = Object.assign(Object.create(null) as Config, page, {
      route: 'pages/index/index',
      data: { added: 0 },
      setData(this: { data: Record<string, unknown> }, next: Record<string, unknown>) {
        Object.assign(this.data, next);
      },
    });
    fake.pages.push(instance);
    instance.onShow!.call(instance);
    instance.onAddToCart!.call(instance);
    instance.onShareAppMessage!.call(instance);

    await vi.waitFor(() => expect(readEvents(collector.dbPath).map((e) => e.event).sort()).toEqual(['cl_add_to_cart', 'mp_launch', 'mp_share', 'page_view']), { timeout: 10_000 });
    const byEvent = Object.fromEntries(readEvents(collector.dbPath).map((e) => [e.event, e.properties]));
    expect(byEvent).toEqual({
      mp_launch: { scene: 1011, path: 'pages/index/index', query: 'from=poster' },
      page_view: { url: 'pages/index/index', title: 'Home' },
      cl_add_to_cart: { cl_product: 'Shoes', cl_count: 1 },
      mp_share: { path: '/pages/index/index?from=share', share_target: 'friend' },
    });
  } finally {
    restore();
  }
});
