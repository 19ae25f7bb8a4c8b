import type { WireEvent } from '@eventline/protocol';
import { v5 as uuidv5 } from 'uuid';

/** Names the uuids of recorded pushes; fixed forever, or retried pushes would stop deduplicating. */
const pushNamespace = '0a4a7ab6-5eee-4b1e-b67d-29c32b760d4c';

/** Before this a CreateTime is not a real push's clock (WeChat's documented samples say 123456789). */
const earliest = Date.UTC(2000, 0, 1);

/**
 * The events one WeChat push becomes. Each uuid is derived from the push (account, FromUserName,
 * CreateTime, Event or MsgId), so WeChat's retries of a push are duplicates of what was recorded.
 * A push we do not map becomes an event named after it (`wechat_location`, `wechat_text`): no
 * definition has that id, so the recorder keeps it in quarantine with the whole push, to replay once one does.
 */
export function wechatPushEvents(push: Record<string, string>, accountId: string, receivedAt: number): WireEvent[] {
  const openid = push.FromUserName!;
  const createTime = Number(push.CreateTime) * 1000;
  const kind = push.MsgType === 'event' ? (push.Event ?? '') : (push.MsgType ?? '');
  const msgId = push.MsgId ?? push.MsgID ?? '';
  const key = push.EventKey ?? '';
  const base = (event: string, properties: Record<string, string>): WireEvent => ({
    uuid: uuidv5([accountId, openid, push.CreateTime, kind, msgId, event].join('\n'), pushNamespace),
    event,
    time: createTime >= earliest ? createTime : receivedAt,
    identities: { wechat_openid: openid },
    properties,
    context: { wechat: { account: accountId, toUserName: push.ToUserName ?? null, createTime: push.CreateTime, ...(msgId ? { msgId } : {}) } },
  });
  // A QR code's scene is what was scanned: as target_id it names the material whose tags the event gets.
  const scene = (value: string) => (value ? { qr_scene: value, target_id: value } : {});

  switch (push.MsgType === 'event' ? kind : null) {
    case 'subscribe':
      if (key.startsWith('qrscene_')) {
        const scanned = scene(key.slice('qrscene_'.length));
        return [base('wechat_follow', scanned), base('wechat_scan_qrcode', scanned)];
      }
      return [base('wechat_follow', {})];
    case 'unsubscribe':
      return [base('wechat_unfollow', {})];
    case 'SCAN':
      return [base('wechat_scan_qrcode', scene(key))];
    case 'CLICK':
      return [base('wechat_menu_click', { menu_key: key })];
    case 'VIEW':
      return [base('wechat_menu_click', { menu_url: key })];
    case 'TEMPLATESENDJOBFINISH':
      return [base('wechat_template_message_sent', { status: push.Status ?? '' })];
    default: {
      const unknown = base(`wechat_${kind.toLowerCase() || 'push'}`, {});
      return [{ ...unknown, context: { wechat: { account: accountId, push } } }];
    }
  }
}
