import type { Platform } from '@eventline/core';
import { listenToAppLifecycle } from './app-lifecycle';
import type { MiniProgramHost } from './mini-program-api';
import { createMiniProgramContext } from './mini-program-context';
import { createMiniProgramSend } from './mini-program-send';
import { createMiniProgramStorage } from './mini-program-storage';
import { randomBytes } from './random-bytes';

/**
 * The host's adapters for core. No `lock`: a mini-program runs one app instance, so core's in-process
 * mutex is enough. Alipay keeps 200 KB (204,800 characters of the value as a string) under one key,
 * less than core's 25 events of up to 32 KB: its chunks are measured, to 200,000 UTF-8 bytes, which
 * leaves room for whatever the host wraps the value in. wx and tt keep 1 MB, over any chunk.
 */
export function createMiniProgramPlatform(host: MiniProgramHost): Platform {
  return {
    storage: createMiniProgramStorage(host),
    send: createMiniProgramSend(host),
    randomBytes,
    lifecycle: (handlers) => listenToAppLifecycle(host.api, handlers),
    context: createMiniProgramContext(host),
    maxValueBytes: host.name === 'my' ? 2e5 : undefined,
  };
}
