import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { wechatAccountsRoute } from './wechat-accounts-route';
import { wechatCallbackRoute } from './wechat-callback-route';

/** /v1/wechat: the connected accounts, and the callback URL each account's pushes arrive at. */
export function wechatRoute(services: Services) {
  const app = openApiApp();
  app.route('/accounts', wechatAccountsRoute(services));
  app.route('/', wechatCallbackRoute(services));
  return app;
}
