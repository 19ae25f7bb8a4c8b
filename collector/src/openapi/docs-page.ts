import { html, raw } from 'hono/html';

type Json = Record<string, unknown>;
type Content = Record<string, { schema?: unknown }> | undefined;
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Json }[];
  requestBody?: { content?: Content };
  responses?: Record<string, { description?: string; content?: Content }>;
}
export interface DocsDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation> | undefined>;
  components?: { schemas?: Record<string, unknown> };
}

const methods = ['get', 'post', 'put', 'patch', 'delete'];
const anchor = (method: string, path: string) => `${method}-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
/** Escapes text for HTML; the page is built from escaped pieces only. */
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => entities[ch]!);
/** A description as text: `code` in backticks as code, everything else escaped. */
const prose = (text: string) => raw(escape(text).replace(/`([^`]+)`/g, '<code>$1</code>'));
/** A schema as JSON, each `$ref` to a component a link to it further down the page. */
const show = (schema: unknown) =>
  raw(
    escape(JSON.stringify(schema, null, 2)).replace(
      /&quot;\$ref&quot;: &quot;#\/components\/schemas\/([\w.-]+)&quot;/g,
      (_, name: string) => `&quot;$ref&quot;: <a href="#schema-${name}">${name}</a>`,
    ),
  );
const tagOf = (op: Operation) => op.tags?.[0] ?? 'Other';

const styles = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex;color:#222}
nav{width:300px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;background:#f6f7f9;padding:12px;box-sizing:border-box;font-size:13px}
nav a{display:block;color:#234;text-decoration:none;padding:2px 0}main{padding:16px 32px;max-width:960px}
.m{display:inline-block;min-width:52px;font:bold 12px monospace;text-transform:uppercase;color:#fff;border-radius:3px;padding:1px 4px;text-align:center}
.get{background:#2a7}.post{background:#27c}.patch,.put{background:#c82}.delete{background:#c33}
section{border-top:1px solid #ddd;padding:8px 0}pre{background:#f4f4f4;padding:8px;overflow:auto;font-size:12px;max-height:360px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;font-size:13px}code{font-size:13px}`;

const body = (content: Content) =>
  Object.entries(content ?? {}).map(([type, media]) => html`<div><code>${type}</code>${media.schema === undefined ? '' : html`<pre>${show(media.schema)}</pre>`}</div>`);

const parameters = (op: Operation) =>
  op.parameters?.length
    ? html`<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th><th>about</th></tr>${op.parameters.map(
        (p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${JSON.stringify(p.schema ?? {})}</code></td><td>${p.description ?? ''}</td></tr>`,
      )}</table>`
    : '';

/** The OpenAPI document as one self-contained page (no script, no CDN); every value is escaped. */
export function docsPage(document: DocsDocument) {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    methods.filter((m) => item?.[m]).map((method) => ({ path, method, op: item![method]! })),
  );
  const tags = [...new Set(operations.map((o) => tagOf(o.op)))];
  const nav = tags.map(
    (tag) =>
      html`<p><strong>${tag}</strong></p>${operations
        .filter((o) => tagOf(o.op) === tag)
        .map((o) => html`<a href="#${anchor(o.method, o.path)}"><span class="m ${o.method}">${o.method}</span> ${o.path}</a>`)}`,
  );
  const sections = operations.map(
    ({ path, method, op }) => html`<section id="${anchor(method, path)}">
<h3><span class="m ${method}">${method}</span> <code>${path}</code> ${op.summary ?? ''}</h3>
${op.description ? html`<p>${prose(op.description)}</p>` : ''}
<p>${op.security?.length === 0 ? 'No key needed.' : 'Needs a key: Authorization: Bearer KEY.'}</p>
${parameters(op)}
${op.requestBody ? html`<h4>Request body</h4>${body(op.requestBody.content)}` : ''}
<h4>Responses</h4>
${Object.entries(op.responses ?? {}).map(([status, r]) => html`<div><strong>${status}</strong> ${r.description ?? ''}${body(r.content)}</div>`)}
</section>`,
  );
  const schemas = Object.entries(document.components?.schemas ?? {}).map(
    ([name, schema]) => html`<section id="schema-${name}"><h3>${name}</h3><pre>${show(schema)}</pre></section>`,
  );
  const { title, version, description } = document.info;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} API</title><style>${raw(styles)}</style></head>
<body><nav><strong>${title}</strong><p><a href="/openapi.json">openapi.json</a></p>${nav}</nav>
<main><h1>${title} API <small>v${version}</small></h1>${description ? html`<p>${prose(description)}</p>` : ''}
${sections}
<h2>Schemas</h2>${schemas}</main></body></html>`;
}
