import type { AlipayApi, AlipayFailure, LaunchOptions, MiniProgramHost, SystemInfo, WxApi } from '../mini-program-api';
import type { PageInstance } from '../current-page';
import { alipayStorageLimits, createFakeStorageArea, wxStorageLimits, type FakeStorageArea } from './fake-storage-area';

export interface FakeHostOptions {
  /** The device's storage; pass the same one to a second host to model a relaunch. */
  storage?: FakeStorageArea;
  /** Milliseconds before a request leaves and again before its answer is handed over. */
  latencyMs?: number;
  online?: boolean;
  launch?: LaunchOptions;
}

export interface RecordedRequest {
  at: number;
  url: string;
  /** The headers the host really sent: only those under the option name this host reads. */
  headers: Record<string, string>;
  body: string;
  status?: number;
  answeredAt?: number;
}

/**
 * A faithful stand-in for `wx`, `tt` or `my`: callback APIs answered asynchronously, storage with the
 * host's limits and failure shapes, and a `request` that really sends the HTTP request with fetch
 * (so a test drives a real collector) after a latency, fails when offline, and reads only the option
 * names its host reads (`header` on wx and tt, `headers` on Alipay). `kill()` is the process dying:
 * nothing it was asked after, or was still doing, ever calls back.
 */
export function createFakeHost(name: 'wx' | 'tt' | 'my', options: FakeHostOptions = {}) {
  const storage = options.storage ?? createFakeStorageArea(name === 'my' ? alipayStorageLimits : wxStorageLimits);
  const latencyMs = options.latencyMs ?? 5;
  let online = options.online ?? true;
  let alive = true;
  const requests: RecordedRequest[] = [];
  const listeners = { hide: new Set<() => void>(), show: new Set<(o: LaunchOptions) => void>(), network: new Set<(r: { isConnected: boolean }) => void>() };
  const pages: PageInstance[] = [];
  const launch: LaunchOptions = options.launch ?? { scene: 1001, path: 'pages/index/index', query: {} };

  /** Host callbacks run in a later task, never before the call returns, and never after a kill. */
  const later = (fn: () => void, ms = 0) => setTimeout(() => alive && fn(), ms);
  const fail = (errMsg: string, alipay: AlipayFailure) => (name === 'my' ? alipay : { errMsg });

  const storageApi = {
    getStorage({ key, success, fail: onFail }: { key: string; success: (r: { data: unknown }) => void; fail: (r: never) => void }) {
      later(() => {
        const { found, data } = storage.read(key);
        if (found) success({ data });
        // Alipay answers a missing key with success and null; wx and tt fail.
        else if (name === 'my') success({ data: null });
        else (onFail as (r: unknown) => void)({ errMsg: 'getStorage:fail data not found' });
      });
    },
    setStorage({ key, data, success, fail: onFail }: { key: string; data: unknown; success: () => void; fail: (r: never) => void }) {
      later(() => {
        const refused = storage.write(key, data);
        if (!refused) return success();
        const message = refused === 'key' ? 'setStorage:fail exceed storage item max length' : 'setStorage:fail exceed storage max size 10M';
        (onFail as (r: unknown) => void)(fail(message, { error: 15, errorMessage: '存储数据超过上限' }));
      });
    },
    removeStorage({ key, success }: { key: string; success: () => void; fail: (r: never) => void }) {
      later(() => {
        storage.remove(key);
        success();
      });
    },
  };

  const send = (url: string, headers: Record<string, string>, body: string, answer: (status: number, headers: Record<string, string>, text: string) => void, networkError: () => void) => {
    const record: RecordedRequest = { at: Date.now(), url, headers, body };
    requests.push(record);
    later(() => {
      if (!online) return networkError();
      fetch(url, { method: 'POST', headers, body })
        .then(async (response) => {
          const text = await response.text();
          record.status = response.status;
          record.answeredAt = Date.now();
          // iOS hands over header names as the server wrote them, Android lower-cased: use both.
          const responseHeaders: Record<string, string> = {};
          response.headers.forEach((value, key) => (responseHeaders[name === 'my' ? key : key.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase())] = value));
          later(() => answer(response.status, responseHeaders, text), latencyMs);
        })
        .catch(() => later(networkError, latencyMs));
    }, latencyMs);
  };

  const decode = (text: string, dataType: string | undefined): unknown => {
    if (dataType !== 'json') return text;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };

  const wxRequest: WxApi['request'] = ({ url, data, header, dataType, success, fail: onFail }) =>
    send(
      url,
      (header ?? {}) as Record<string, string>,
      String(data),
      (statusCode, h, text) => success({ statusCode, header: h, data: decode(text, dataType ?? 'json') as string }),
      () => onFail({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }),
    );

  const alipayRequest: AlipayApi['request'] = ({ url, data, headers, dataType, success, fail: onFail }) =>
    send(
      url,
      headers ?? {},
      data,
      (status, h, text) => {
        const result = { status, headers: h, data: decode(text, dataType) };
        if (status >= 200 && status < 300) success(result);
        else onFail({ error: 19, errorMessage: 'http status error', ...result });
      },
      () => onFail({ error: 12, errorMessage: '网络出错' }),
    );

  const events = {
    onAppHide: (l: () => void) => void listeners.hide.add(l),
    offAppHide: (l: () => void) => void listeners.hide.delete(l),
    onAppShow: (l: (o: LaunchOptions) => void) => void listeners.show.add(l),
    offAppShow: (l: (o: LaunchOptions) => void) => void listeners.show.delete(l),
    onNetworkStatusChange: (l: (r: { isConnected: boolean }) => void) => void listeners.network.add(l),
    offNetworkStatusChange: (l: (r: { isConnected: boolean }) => void) => void listeners.network.delete(l),
    getLaunchOptionsSync: () => launch,
    getSystemInfoSync: (): SystemInfo => ({ brand: 'devtools', model: 'iPhone 12', platform: 'ios', system: 'iOS 16.0', version: '8.0.50', SDKVersion: '3.5.0', language: 'zh_CN', screenWidth: 390, screenHeight: 844 }),
  };

  const host: MiniProgramHost =
    name === 'my' ? { name, api: { ...storageApi, ...events, request: alipayRequest } satisfies AlipayApi } : { name, api: { ...storageApi, ...events, request: wxRequest } satisfies WxApi };

  return {
    host,
    storage,
    requests,
    pages,
    setOnline(next: boolean) {
      online = next;
      for (const l of [...listeners.network]) l({ isConnected: next });
    },
    hide: () => [...listeners.hide].forEach((l) => l()),
    show: (o: LaunchOptions = launch) => [...listeners.show].forEach((l) => l(o)),
    kill() {
      alive = false;
    },
    /** Puts the host object and `getCurrentPages` on globalThis, as the host does; returns the undo. */
    install() {
      const g = globalThis as Record<string, unknown>;
      const saved = { api: g[name], pages: g.getCurrentPages };
      g[name] = host.api;
      g.getCurrentPages = () => pages.slice();
      return () => {
        g[name] = saved.api;
        g.getCurrentPages = saved.pages;
      };
    },
  };
}

export type FakeHost = ReturnType<typeof createFakeHost>;
