/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { Services } from '../services';
import { connectWechatAccount } from '../wechat/connect-account';
import { createBody } from '../wechat/wechat-account-schemas';
import { formText, type ConsoleContext, type ConsoleEnv } from './console-env';
import { takeFlash } from './console-flash';
import { formRefusal, type FormRefusal } from './field-errors';
import { WechatPage, type WechatValues } from './wechat-page';

const blank: WechatValues = { id: '', name: '', appId: '', token: '', encodingAesKey: '' };

/** The address WeChat reaches this collector at, as the browser did (a proxy's X-Forwarded-* honoured). */
function publicOrigin(c: ConsoleContext): string {
  const url = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.slice(0, -1);
  const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || c.req.header('host') || url.host;
  return `${proto}://${host}`;
}

/** /console/wechat: the connected official accounts and the callback URL to paste into each; adding one as POST /v1/wechat/accounts does. */
export function wechatSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { wechat } = services.store;
  const page = async (c: ConsoleContext, values = blank, refusal?: FormRefusal) =>
    c.html(
      <WechatPage
        session={c.var.session}
        flash={refusal ? { kind: 'error', text: refusal.message } : takeFlash(c.var.session)}
        accounts={await wechat.list()}
        origin={publicOrigin(c)}
        values={values}
        {...(refusal && { errors: refusal.fields })}
      />,
      refusal ? 400 : 200,
    );

  app.get('/', (c) => page(c));

  app.post('/', async (c) => {
    const values: WechatValues = {
      id: formText(c.var.form, 'id'),
      name: formText(c.var.form, 'name'),
      appId: formText(c.var.form, 'appId'),
      token: formText(c.var.form, 'token'),
      encodingAesKey: formText(c.var.form, 'encodingAesKey'),
    };
    const parsed = createBody.safeParse({
      ...(values.id && { id: values.id }),
      name: values.name,
      appId: values.appId,
      token: values.token,
      encodingAesKey: values.encodingAesKey || null,
    });
    // The secrets are never sent back to the page, not even after a refusal.
    const keep = { ...values, token: '', encodingAesKey: '' };
    if (!parsed.success) return page(c, keep, formRefusal(parsed.error.issues));
    const body = parsed.data;
    const { id, created } = await connectWechatAccount(services, body);
    if (!created) {
      const message = `A WeChat account with the id “${id}” or the AppID “${body.appId}” exists.`;
      // Beside the id only when one was typed and it is the one taken; an empty id means the AppID.
      const taken = values.id !== '' && (await wechat.list()).some((a) => a.id === id) ? 'id' : 'appId';
      return page(c, keep, { message, fields: { [taken]: message } });
    }
    c.var.session.flash = { kind: 'ok', text: `Added “${body.name}”. Paste its callback URL and token into the official account’s server configuration.` };
    return c.redirect('/console/wechat', 303);
  });
  return app;
}
