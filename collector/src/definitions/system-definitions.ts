import type { EventDefinition } from '@eventline/protocol';

const inbound = (id: string, name: string, score: number, stage: string | null, properties: EventDefinition['properties'] = []): EventDefinition => ({
  id,
  name,
  type: 'inbound',
  score,
  stage,
  group: null,
  properties,
  system: true,
});

const outbound = (id: string, name: string, properties: EventDefinition['properties'] = []): EventDefinition => ({
  id,
  name,
  type: 'outbound',
  score: null,
  stage: null,
  group: null,
  properties,
  system: true,
});

/**
 * The system default events, seeded at first start with these scores and stages ("restore system
 * settings" puts them back). System properties are not `cl_`: that prefix marks what a customer defined.
 */
export const systemDefinitions: readonly EventDefinition[] = [
  inbound('wechat_follow', 'Follow WeChat official account', 5, 'interested', [
    { id: 'qr_scene', name: 'QR code scene', type: 'text' },
  ]),
  inbound('wechat_unfollow', 'Unfollow WeChat official account', -5, null),
  inbound('wechat_menu_click', 'Click WeChat menu', 1, null, [
    { id: 'menu_key', name: 'Menu key', type: 'text' },
    { id: 'menu_url', name: 'Menu URL', type: 'text' },
  ]),
  inbound('wechat_scan_qrcode', 'Scan WeChat QR code', 2, 'interested', [
    { id: 'qr_scene', name: 'QR code scene', type: 'text' },
  ]),
  inbound('form_submit', 'Submit form', 5, 'engaged', [
    { id: 'form_id', name: 'Form id', type: 'text' },
    { id: 'form_name', name: 'Form name', type: 'text' },
  ]),
  inbound('page_view', 'View page', 1, 'aware'),
  // Sent when a client links identities (an SDK's identify(), a Segment identify call): it carries no
  // score, but its identities join the anonymous history to the known customer.
  inbound('identify', 'Identify customer', 0, null),
  inbound('email_open', 'Open email', 1, null),
  inbound('email_click', 'Click link in email', 2, 'interested'),
  inbound('mp_launch', 'Launch mini-program', 1, 'aware', [
    { id: 'scene', name: 'Launch scene', type: 'number' },
    { id: 'path', name: 'Launch path', type: 'text' },
    { id: 'query', name: 'Launch query', type: 'text' },
  ]),
  inbound('mp_share', 'Share from mini-program', 3, 'engaged', [
    { id: 'path', name: 'Shared path', type: 'text' },
    { id: 'share_target', name: 'Shared to', type: 'text' },
  ]),
  outbound('wechat_template_message_sent', 'WeChat template message sent', [
    { id: 'template_id', name: 'Template id', type: 'text' },
    { id: 'status', name: 'Delivery status', type: 'text' },
  ]),
  outbound('sms_sent', 'SMS sent', [{ id: 'sms_template', name: 'SMS template', type: 'text' }]),
  outbound('email_sent', 'Email sent', [{ id: 'email_subject', name: 'Email subject', type: 'text' }]),
];
