/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { presetProperties, type PresetPropertyId } from '@eventline/protocol';

const labels: Record<PresetPropertyId, string> = {
  channel: 'Channel',
  url: 'Page URL',
  title: 'Page title',
  referrer: 'Referrer',
  utm_source: 'UTM source',
  utm_medium: 'UTM medium',
  utm_campaign: 'UTM campaign',
  utm_term: 'UTM term',
  utm_content: 'UTM content',
  target_id: 'Target (material) id',
  target_name: 'Target name',
  campaign: 'Campaign',
};

const utm: PresetPropertyId[] = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

/** Which presets arrive filled in on a system event, and by what: so an operator knows what to filter on. */
const filledIn: Record<string, { ids: PresetPropertyId[]; by: string }> = {
  page_view: { ids: ['url', 'title', 'referrer', ...utm], by: 'filled in by the web SDK’s page() (the mini-program SDK sends url)' },
  wechat_follow: { ids: ['target_id'], by: 'filled in from a WeChat push that follows a QR code scan (its scene)' },
  wechat_scan_qrcode: { ids: ['target_id'], by: 'filled in from the WeChat push (the QR code’s scene)' },
};

/** The preset properties every event may carry without its definition naming them; a system event's usual ones first. */
export function PresetPropertiesPanel(props: { eventId: string; system: boolean }) {
  const filled = props.system ? filledIn[props.eventId] : undefined;
  const ids = Object.keys(presetProperties) as PresetPropertyId[];
  const ordered = filled ? [...filled.ids, ...ids.filter((id) => !filled.ids.includes(id))] : ids;
  return (
    <section id="preset-properties">
      <h2>Preset properties</h2>
      <p class="muted">
        Every event may carry these text properties without defining them.{filled && ` The ones marked “usual” are ${filled.by}.`}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Id</th>
              {filled && <th />}
            </tr>
          </thead>
          <tbody>
            {ordered.map((id) => (
              <tr data-preset={id}>
                <td>{labels[id]}</td>
                <td>
                  <code>{id}</code>
                </td>
                {filled && <td>{filled.ids.includes(id) && <span class="badge in">usual</span>}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
