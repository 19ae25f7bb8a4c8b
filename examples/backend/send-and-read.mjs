#!/usr/bin/env node
// A back end recording events with a server key, then reading them back through the export API.
// Node 20+, no dependencies. Usage:
//   EVENTLINE_URL=http://localhost:8787 EVENTLINE_ADMIN_KEY=el_adm_... node send-and-read.mjs
// or, with keys you already made: EVENTLINE_SERVER_KEY=el_srv_... EVENTLINE_READ_KEY=el_read_... node send-and-read.mjs
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

const url = process.env.EVENTLINE_URL ?? 'http://localhost:8787';

async function call(method, path, key, body) {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status === 429) throw new Error(`rate limited: retry in ${res.headers.get('retry-after')} s`);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function newKey(scope) {
  const admin = process.env.EVENTLINE_ADMIN_KEY;
  if (!admin) throw new Error(`set EVENTLINE_${scope.toUpperCase()}_KEY, or EVENTLINE_ADMIN_KEY to create one`);
  const res = await call('POST', '/v1/keys', admin, { name: `example backend (${scope})`, scope });
  const { key } = await res.json();
  console.log(`created a ${scope} key (shown once): ${key}`);
  return key;
}

const serverKey = process.env.EVENTLINE_SERVER_KEY ?? (await newKey('server'));
const readKey = process.env.EVENTLINE_READ_KEY ?? (await newKey('read'));

// What an automated flow step does after it sent an SMS: record the outbound event for the customer.
// The uuid is made once per action and reused on retry, so a retried request is stored once.
const customer = { external_id: `user-${Date.now()}` };
const events = [
  { uuid: randomUUID(), event: 'sms_sent', time: new Date().toISOString(), identities: customer, tags: ['welcome-flow'] },
  { uuid: randomUUID(), event: 'page_view', time: new Date().toISOString(), identities: customer, properties: { url: 'https://shop.example.com/' } },
];
const sent = await call('POST', '/v1/events', serverKey, { sentAt: new Date().toISOString(), events });
console.log('POST /v1/events →', await sent.json());

// Pages: follow nextCursor until it is null.
const first = await (await call('GET', '/v1/events?tag=welcome-flow&limit=2', readKey)).json();
console.log(`first page: ${first.items.length} events, nextCursor ${first.nextCursor}`);
const { customerId } = first.items.find((e) => e.uuid === events[0].uuid) ?? {};

// NDJSON: every matching event, one per line, read as it arrives.
const res = await fetch(`${url}/v1/events?customer=${customerId}`, {
  headers: { authorization: `Bearer ${readKey}`, accept: 'application/x-ndjson' },
});
let count = 0;
for await (const line of createInterface({ input: Readable.fromWeb(res.body) })) {
  const e = JSON.parse(line);
  console.log(`  ${new Date(e.time).toISOString()} ${e.event} ${e.type} tags=${e.tags.join(',')}`);
  count++;
}
console.log(`customer ${customerId}: ${count} events`);
