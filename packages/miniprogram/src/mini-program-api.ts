/// <reference types="miniprogram-api-typings" preserve="true" />

type GeneralResult = WechatMiniprogram.GeneralCallbackResult;

/** What a launch or an app show tells: the scene, the page path and its query. */
export interface LaunchOptions {
  scene?: number | string | undefined;
  path?: string | undefined;
  query?: Record<string, unknown> | undefined;
}

/** The device and host facts put in every event's context, all optional: each host names a few differently. */
export type SystemInfo = Partial<
  Pick<WechatMiniprogram.SystemInfo, 'brand' | 'model' | 'platform' | 'system' | 'version' | 'SDKVersion' | 'language' | 'screenWidth' | 'screenHeight'>
> & { app?: string };

/** What an `off…` call takes: the listener given to `on…` (wx's typings declare it loosely). */
type Listener = (...args: any[]) => void;

/** The app lifecycle and launch calls every host has under the same names (`wx`, `my`, `tt`). */
export interface AppEvents {
  onAppHide?(listener: () => void): void;
  offAppHide?(listener: Listener): void;
  onAppShow?(listener: (options: LaunchOptions) => void): void;
  offAppShow?(listener: Listener): void;
  onNetworkStatusChange?(listener: (result: { isConnected: boolean }) => void): void;
  offNetworkStatusChange?(listener: Listener): void;
  getLaunchOptionsSync?(): LaunchOptions;
  getSystemInfoSync?(): SystemInfo;
}

/**
 * The part of WeChat's `wx` the SDK uses (ByteDance's `tt` has the same shape). Written as the
 * callback forms of miniprogram-api-typings' own types; mini-program-api.test.ts checks `wx` fits.
 */
export interface WxApi extends AppEvents {
  getStorage(option: { key: string; success: (result: { data: unknown }) => void; fail: (result: GeneralResult) => void }): unknown;
  setStorage(option: { key: string; data: unknown; success: () => void; fail: (result: GeneralResult) => void }): unknown;
  removeStorage(option: { key: string; success: () => void; fail: (result: GeneralResult) => void }): unknown;
  request(
    option: Pick<WechatMiniprogram.RequestOption<string>, 'url' | 'method' | 'data' | 'header' | 'dataType' | 'responseType'> & {
      success: (result: Pick<WechatMiniprogram.RequestSuccessCallbackResult<string>, 'statusCode' | 'header' | 'data'>) => void;
      fail: (result: GeneralResult) => void;
    },
  ): unknown;
}

/** Alipay's failures carry a numeric `error` and an `errorMessage` instead of `errMsg`. */
export interface AlipayFailure {
  error?: number;
  errorMessage?: string;
  /** Error 19 (HTTP error): newer base libraries put the answer here. */
  status?: number;
  headers?: Record<string, string>;
  data?: unknown;
}

/**
 * The part of Alipay's `my` the SDK uses. Its `request` takes `headers` (not `header`) and answers
 * with `status` and `headers` (not `statusCode` and `header`); miniprogram-api-typings covers only wx.
 */
export interface AlipayApi extends AppEvents {
  getStorage(option: { key: string; success: (result: { data: unknown }) => void; fail: (result: AlipayFailure) => void }): unknown;
  setStorage(option: { key: string; data: unknown; success: () => void; fail: (result: AlipayFailure) => void }): unknown;
  removeStorage(option: { key: string; success: () => void; fail: (result: AlipayFailure) => void }): unknown;
  request(option: {
    url: string;
    method: 'POST';
    data: string;
    headers: Record<string, string>;
    dataType: 'text';
    success: (result: { status: number; headers: Record<string, string>; data: unknown }) => void;
    fail: (result: AlipayFailure) => void;
  }): unknown;
}

/** The host object and which one it is: `wx` (WeChat), `tt` (ByteDance, wx-shaped) or `my` (Alipay). */
export type MiniProgramHost = { name: 'wx' | 'tt'; api: WxApi } | { name: 'my'; api: AlipayApi };
