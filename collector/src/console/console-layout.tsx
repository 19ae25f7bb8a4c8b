/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { ConsoleSession } from './console-sessions';
import { commonTimeZones } from './console-time-zone';

export type Section = 'events' | 'customers' | 'segments' | 'analysis' | 'triggers' | 'materials' | 'wechat' | 'keys' | 'quarantine';

const sections: { id: Section; label: string; href: string }[] = [
  { id: 'events', label: 'Events', href: '/console/events' },
  { id: 'customers', label: 'Customers', href: '/console/customers' },
  { id: 'segments', label: 'Segments', href: '/console/segments' },
  { id: 'analysis', label: 'Analysis', href: '/console/analysis' },
  { id: 'triggers', label: 'Triggers', href: '/console/triggers' },
  { id: 'materials', label: 'Materials', href: '/console/materials' },
  { id: 'wechat', label: 'WeChat', href: '/console/wechat' },
  { id: 'keys', label: 'Keys', href: '/console/keys' },
  { id: 'quarantine', label: 'Quarantine', href: '/console/quarantine' },
];

/** The zone every time on the pages is shown in; changing it is a preference, so a read key may too. */
function TimeZoneForm(props: { session: ConsoleSession }) {
  const zones = commonTimeZones.includes(props.session.timeZone) ? commonTimeZones : [props.session.timeZone, ...commonTimeZones];
  return (
    <PostForm session={props.session} action="/console/timezone" class="tz">
      <select name="timezone" aria-label="Time zone">
        {zones.map((z) => (
          <option value={z} selected={z === props.session.timeZone}>
            {z}
          </option>
        ))}
      </select>
      <button type="submit">Set zone</button>
    </PostForm>
  );
}

function Page(props: { title: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Eventline console`}</title>
        <link rel="stylesheet" href="/console/style.css" />
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** The per-session token every form sends back; a POST without it is refused. */
export const Csrf = (props: { session: ConsoleSession }) => <input type="hidden" name="_csrf" value={props.session.csrf} />;

/** A form that changes something: POST, with the session's token. */
export function PostForm(props: { session: ConsoleSession; action: string; children?: Child; class?: string; enctype?: 'multipart/form-data'; id?: string }) {
  return (
    <form method="post" action={props.action} class={props.class} enctype={props.enctype} id={props.id}>
      <Csrf session={props.session} />
      {props.children}
    </form>
  );
}

/** A message at the top of a page: an error is an alert, so a screen reader says it as the page opens; good news a status. */
export const Flash = (props: { kind: 'ok' | 'error'; text: Child }) => (
  <p class={`flash ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
    {props.text}
  </p>
);

/** A signed-in page: the navigation, who is logged in, a one-time message, the content. */
export function Layout(props: { session: ConsoleSession; section: Section; title: string; flash?: ConsoleSession['flash']; children: Child }) {
  const { session } = props;
  return (
    <Page title={props.title}>
      <header>
        <strong>Eventline</strong>
        <nav>
          {sections
            .filter((s) => s.id !== 'quarantine' || session.scope === 'admin')
            .map((s) => (
              <a href={s.href} aria-current={s.id === props.section ? 'page' : undefined}>
                {s.label}
              </a>
            ))}
        </nav>
        <div class="who">
          <TimeZoneForm session={session} />
          <span>{session.scope === 'admin' ? 'admin key' : 'read key (view only)'}</span>
          <PostForm session={session} action="/console/logout">
            <button type="submit">Log out</button>
          </PostForm>
        </div>
      </header>
      <main>
        {props.flash && <Flash kind={props.flash.kind} text={props.flash.text} />}
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </Page>
  );
}

export function LoginPage(props: { token: string; error?: string }) {
  return (
    <Page title="Log in">
      <main class="login card">
        <h1>Eventline console</h1>
        {props.error && <Flash kind="error" text={props.error} />}
        <form method="post" action="/console/login">
          <input type="hidden" name="_csrf" value={props.token} />
          <label>
            Admin or read key
            <input type="password" name="key" autocomplete="current-password" required autofocus />
          </label>
          <p>
            <button type="submit">Log in</button>
          </p>
        </form>
        <p class="muted">A read key shows everything and changes nothing.</p>
      </main>
    </Page>
  );
}
