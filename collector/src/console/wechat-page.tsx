/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { WechatAccountRecord } from '../store/store';
import { Layout, PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { formatTime } from './console-time-zone';
import { DataTable } from './data-table';
import { fieldMarks } from './field-error';
import type { FieldErrors } from './field-errors';
import { GridButton } from './grid-button';

/** The add form as typed (the secrets are never shown again). */
export interface WechatValues {
  id: string;
  name: string;
  appId: string;
  token: string;
  encodingAesKey: string;
}

/** The official accounts whose pushes become follow, scan and menu events; an admin adds one. */
export function WechatPage(props: { session: ConsoleSession; flash: ConsoleSession['flash']; accounts: WechatAccountRecord[]; origin: string; values: WechatValues; errors?: FieldErrors }) {
  const { session, values } = props;
  const { Input } = fieldMarks(props.errors);
  const admin = session.scope === 'admin';
  return (
    <Layout session={session} section="wechat" title="WeChat official accounts" flash={props.flash}>
      <p class="muted">
        In the WeChat Official Accounts Platform, under Settings → Basic configuration → Server configuration, paste the account’s callback URL and the same token; the
        collector then records follows, unfollows, QR code scans and menu clicks as events.
      </p>
      <DataTable id="wechat-accounts" columns={['Account', 'Callback URL', { label: 'Mode', class: 'hide-narrow' }, { label: `Added (${session.timeZone})`, class: 'hide-narrow' }]} empty={props.accounts.length === 0 && 'No official account connected yet.'}>
        {props.accounts.map((a) => (
          <tr data-id={a.id}>
            <td>
              {a.name}
              <div class="muted">
                AppID <code>{a.appId}</code>
              </div>
            </td>
            <td>
              <input readonly class="secret callback" value={`${props.origin}/v1/wechat/${encodeURIComponent(a.id)}/callback`} aria-label={`Callback URL of ${a.name}`} />
            </td>
            <td class="hide-narrow">{a.sealedEncodingAesKey === null ? 'plaintext' : 'safe mode (AES)'}</td>
            <td class="hide-narrow">{formatTime(a.createdAt, session.timeZone)}</td>
          </tr>
        ))}
      </DataTable>
      <p class="muted">
        The collector does not keep the time of each account’s last push. To see that pushes arrive, look for recent <code>wechat_follow</code> or{' '}
        <code>wechat_scan_qrcode</code> events in Analysis, or in the live debugger (<code>GET /v1/debug/stream</code>).
      </p>
      {admin && (
        <>
          <h2>Connect an official account</h2>
          <PostForm session={session} action="/console/wechat" class="card form-grid" id="new-wechat-account">
            <Input label="Name" name="name" value={values.name} required maxlength={128} placeholder="Brand service account" />
            <Input label="AppID" name="appId" value={values.appId} required maxlength={64} placeholder="wx1234567890abcdef" />
            <Input label="Token (3–32 letters or digits, as in WeChat)" name="token" type="password" autocomplete="off" required pattern="[A-Za-z0-9]{3,32}" value={values.token} />
            <Input label="EncodingAESKey (safe mode; empty: plaintext)" name="encodingAesKey" type="password" autocomplete="off" pattern="[A-Za-z0-9]{43}" value={values.encodingAesKey} />
            <Input label="Id in the callback URL (empty: the AppID)" name="id" value={values.id} maxlength={64} pattern="[A-Za-z0-9_\-]{1,64}" />
            <GridButton>Connect</GridButton>
          </PostForm>
        </>
      )}
    </Layout>
  );
}
