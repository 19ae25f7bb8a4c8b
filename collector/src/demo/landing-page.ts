import { pageHead } from './page-head';

/** What `/` shows: where to go next, for someone who just ran `npm start` and opened the address. */
export function landingPage(): string {
  const links: [href: string, title: string, about: string][] = [
    ['/console', 'Console', 'Event definitions, customers, analysis and quarantine. Log in with the admin key npm start printed.'],
    ['/demo', 'Demo page', 'Send events with the browser SDK and see each answer of the collector.'],
    ['/debug', 'Live debugger', 'Every event as it arrives, accepted or rejected, with the reason.'],
    ['/docs', 'API reference', 'Every operation with its parameters, bodies, answers and key scopes (also /openapi.json).'],
  ];
  return `${pageHead('Eventline collector')}
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
  a.card { display: block; border: 1px solid #d0d7de; border-radius: 8px; padding: .8rem 1rem; margin: .7rem 0; color: inherit; text-decoration: none; }
  a.card:hover { border-color: #0969da; }
  a.card strong { color: #0969da; }
  p.small { color: #57606a; font-size: 13px; }
</style>
</head>
<body>
<h1>Eventline collector</h1>
<p>This collector is running. Where to next:</p>
${links.map(([href, title, about]) => `<a class="card" href="${href}"><strong>${title}</strong><br>${about}</a>`).join('\n')}
<p class="small">Health: <a href="/healthz">/healthz</a>, readiness: <a href="/readyz">/readyz</a>.</p>
</body>
</html>`;
}
