import type { Platform } from '@eventline/core';
import { listenToAppLifecycle } from './app-lifecycle';
import type { MiniProgramHost } from './mini-program-api';
import { createMiniProgramContext } from './mini-program-context';
import { createMiniProgramSend } from './mini-program-send';
import { createMiniProgramStorage } from './mini-program-storage';
import { randomBytes } from './random-bytes';

/**
 * The host's adapters for core. No `lock`: a mini-program runs one app instance, so core's in-process
 * mutex is enough.
 */
export function createMiniProgramPlatform(host: MiniProgramHost): Platform {
  return {
    storage: createMiniProgramStorage(host),
    send: createMiniProgramSend(host),
    randomBytes,
    lifecycle: (handlers) => listenToAppLifecycle(host.api, handlers),
    context: createMiniProgramContext(host),
  };
}
