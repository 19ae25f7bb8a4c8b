#!/usr/bin/env bash
# Send events with a server key and read them back, with curl. Needs a running collector and its admin key:
#   EVENTLINE_ADMIN_KEY=el_adm_... bash curl.sh          (EVENTLINE_URL defaults to http://localhost:8787)
set -euo pipefail
URL="${EVENTLINE_URL:-http://localhost:8787}"
ADMIN="${EVENTLINE_ADMIN_KEY:?set EVENTLINE_ADMIN_KEY}"
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[process.argv[1]]))' "$1"; }

echo "# 1. A server key for the back end (the key is shown only in this answer), and a read key for export"
SERVER=$(curl -sf "$URL/v1/keys" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"order service","scope":"server","rateLimit":500}' | json key)
READ=$(curl -sf "$URL/v1/keys" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"warehouse export","scope":"read"}' | json key)
curl -sf "$URL/v1/keys" -H "Authorization: Bearer $ADMIN"; echo

echo "# 2. A flow step records an outbound event (sms_sent) for a known customer"
UUID=$(node -e 'console.log(crypto.randomUUID())')
curl -sf "$URL/v1/events" -H "Authorization: Bearer $SERVER" -H 'Content-Type: application/json' -d @- <<JSON; echo
{"sentAt":"$(date -u +%FT%TZ)","events":[{"uuid":"$UUID","event":"sms_sent","time":"$(date -u +%FT%TZ)",
 "identities":{"external_id":"user-42","mobile":"+86 138 0000 0042"},"tags":["welcome-flow"]}]}
JSON

echo "# 3. The same through the Segment HTTP API: the key as the Basic username, gzip body"
printf '{"batch":[{"type":"identify","messageId":"m-1","userId":"user-42","traits":{"email":"user42@example.com"}},
 {"type":"track","messageId":"m-2","userId":"user-42","event":"page_view","properties":{"url":"https://shop.example.com/"}}]}' \
  | gzip | curl -sf "$URL/v1/batch" -u "$SERVER:" -H 'Content-Type: application/json' -H 'Content-Encoding: gzip' --data-binary @-; echo

echo "# 4. Read back: a page of JSON, then every event of the tag as NDJSON"
curl -sf "$URL/v1/events?event=sms_sent&limit=10" -H "Authorization: Bearer $READ"; echo
curl -sf "$URL/v1/events?tag=welcome-flow" -H "Authorization: Bearer $READ" -H 'Accept: application/x-ndjson'
