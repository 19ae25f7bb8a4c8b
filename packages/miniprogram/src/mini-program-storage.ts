import type { KeyValueStorage } from '@eventline/core';
import { hostFailure } from './host-failure';
import type { MiniProgramHost } from './mini-program-api';

/** wx and tt fail a read of a missing key ("getStorage:fail data not found"); that is "no value", not an error. */
const notFound = /not found|not exist/i;

/**
 * The host's async storage (`getStorage`, `setStorage`, `removeStorage`) as promises. A refused write
 * (over 1 MB per key on wx and tt, 200 KB on Alipay, or the 10 MB total) rejects, which is what moves
 * core to memory for the session: tracking goes on, nothing is kept across launches.
 */
export function createMiniProgramStorage({ api }: MiniProgramHost): KeyValueStorage {
  return {
    get: (key) =>
      new Promise((resolve, reject) =>
        api.getStorage({
          key,
          // Alipay answers a missing key with success and `data: null`; tt with an empty string.
          success: (result) => resolve(result.data === '' || result.data === null ? undefined : result.data),
          fail: (result) => {
            const error = hostFailure(result);
            if (notFound.test(error.message)) resolve(undefined);
            else reject(error);
          },
        }),
      ),
    set: (key, data) =>
      new Promise<void>((resolve, reject) => api.setStorage({ key, data, success: () => resolve(), fail: (result) => reject(hostFailure(result)) })),
    del: (key) =>
      new Promise<void>((resolve, reject) => api.removeStorage({ key, success: () => resolve(), fail: (result) => reject(hostFailure(result)) })),
  };
}
