import type { EventContext } from '@eventline/protocol';
import { currentPage, pageRoute } from './current-page';
import type { MiniProgramHost } from './mini-program-api';
import { version } from './version';

/**
 * The `context` of every event. The system info is read once (getSystemInfoSync is slow and, on
 * newer WeChat base libraries, deprecated with a warning); only the current page is read per event.
 */
export function createMiniProgramContext({ name, api }: MiniProgramHost): () => EventContext {
  const fixed: EventContext = { library: { name: '@eventline/miniprogram', version }, miniProgram: { host: name } };
  try {
    const info = api.getSystemInfoSync?.();
    if (info) {
      if (info.language) fixed.locale = info.language;
      if (info.screenWidth && info.screenHeight) fixed.screen = { width: info.screenWidth, height: info.screenHeight };
      fixed.miniProgram = { host: name, app: info.app, hostVersion: info.version, baseLibrary: info.SDKVersion };
      fixed.device = { brand: info.brand, model: info.model, os: info.system, platform: info.platform };
    }
  } catch {
    // Some hosts throw in restricted contexts (plugins, independent sub-packages): the events go without.
  }
  return () => {
    const path = pageRoute(currentPage());
    return path === undefined ? fixed : { ...fixed, page: { path } };
  };
}
