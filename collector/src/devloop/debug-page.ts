/**
 * The live debugger: what reaches POST /v1/events, newest on top, each with its result; a rejected
 * event in red with its reason. Self-contained (no build, no console chrome) so it works from
 * `npm start` alone. The key (read or admin) comes from #key= or the form, never from the server, and
 * goes to the stream in the Authorization header: a key in a URL is written to logs on the way.
 */
export function debugPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Eventline live debugger</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; max-width: 64rem; margin: 1.5rem auto; padding: 0 1rem; color: #1f2328; }
  code, pre { font: 12px ui-monospace, monospace; }
  form { display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; }
  label { display: flex; flex-direction: column; font-size: 12px; color: #59636e; }
  input { font: inherit; padding: .3rem .5rem; border: 1px solid #d0d7de; border-radius: 6px; min-width: 12rem; }
  button { font: inherit; padding: .3rem .8rem; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
  #status { margin: .75rem 0; color: #59636e; }
  #arrivals { list-style: none; padding: 0; }
  #arrivals li { border-left: 4px solid #1a7f37; padding: .35rem .6rem; margin: .3rem 0; background: #f6f8fa; }
  #arrivals li.duplicate { border-color: #8c959f; }
  #arrivals li.rejected { border-color: #cf222e; background: #ffebe9; }
  .result { font-weight: 600; } .rejected .result, .reason { color: #cf222e; }
  .meta { color: #59636e; font-size: 12px; }
  pre { margin: .3rem 0 0; white-space: pre-wrap; word-break: break-all; }
</style>
</head>
<body>
<h1>Live debugger</h1>
<p>Every event that reaches <code>POST /v1/events</code> while this page is open, newest on top, with the collector's verdict.</p>
<form id="form">
  <label>Read or admin key<input id="key" autocomplete="off" placeholder="el_…" required></label>
  <label>Event id<input id="event" placeholder="all"></label>
  <label>Anonymous id<input id="anonymousId" placeholder="all"></label>
  <button>Watch</button>
  <button type="button" id="clear">Clear</button>
</form>
<p id="status">Not connected.</p>
<ol id="arrivals"></ol>
<script>
  var maxRows = 500;
  var watching;
  var form = document.getElementById('form');
  var list = document.getElementById('arrivals');
  // Not "status": a global var of that name is window.status, a string.
  var statusLine = document.getElementById('status');
  // The key may come in the fragment (#key=…): a browser never sends that part of the URL to a server.
  var params = new URLSearchParams(location.search);
  var fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('key')) history.replaceState(null, '', location.pathname + location.search);
  ['key', 'event', 'anonymousId'].forEach(function (name) {
    document.getElementById(name).value = (name === 'key' ? fragment.get(name) || sessionStorage.getItem('eventline-debug-key') : params.get(name)) || '';
  });
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function show(a) {
    var li = document.createElement('li');
    li.className = a.result;
    var reason = a.rejection ? '<div class="reason">' + esc(a.rejection.code) + ' at ' + esc(a.rejection.path || 'event') + ': ' + esc(a.rejection.message) + '</div>' : '';
    li.innerHTML = '<span class="result">' + esc(a.result) + '</span> <code>' + esc(a.event || '(no event id)') + '</code>' +
      ' <span class="meta">' + esc(new Date(a.receivedAt).toLocaleTimeString()) + ' · anonymous ' + esc(a.anonymousId || '–') +
      (a.keyId ? ' · key ' + esc(a.keyId) : ' · WeChat push') + (a.origin ? ' · from ' + esc(a.origin) : '') + '</span>' + reason +
      // Only an admin key's stream carries the event as sent.
      ('raw' in a ? '<details><summary class="meta">as sent</summary><pre>' + esc(JSON.stringify(a.raw, null, 2)) + '</pre></details>' : '');
    list.insertBefore(li, list.firstChild);
    while (list.children.length > maxRows) list.removeChild(list.lastChild);
  }
  /** Handles one Server-Sent Events block. */
  function take(block) {
    var type = 'message';
    var data = null;
    block.split('\\n').forEach(function (line) {
      if (line.indexOf('event: ') === 0) type = line.slice(7);
      else if (line.indexOf('data: ') === 0) data = line.slice(6);
    });
    if (data === null) return;
    if (type === 'overflow') statusLine.textContent = JSON.parse(data).message;
    else show(JSON.parse(data));
  }
  // fetch rather than EventSource: EventSource sends no headers, so the key would have to be in the URL.
  function watch() {
    if (watching) watching.abort();
    var mine = (watching = new AbortController());
    var query = new URLSearchParams();
    ['event', 'anonymousId'].forEach(function (name) {
      var value = document.getElementById(name).value.trim();
      if (value) query.set(name, value);
    });
    var key = document.getElementById('key').value.trim();
    sessionStorage.setItem('eventline-debug-key', key);
    statusLine.textContent = 'Connecting…';
    fetch('/v1/debug/stream?' + query, { headers: { authorization: 'Bearer ' + key }, cache: 'no-store', signal: mine.signal })
      .then(function (res) {
        if (!res.ok) {
          // A refused key is final; a dropped connection is retried below.
          mine.abort();
          statusLine.textContent = 'Refused: check the key (a read or admin key).';
          return;
        }
        statusLine.textContent = 'Watching' + (query.get('event') ? ' ' + query.get('event') : '') + (query.get('anonymousId') ? ' from ' + query.get('anonymousId') : '') + '. Track something.';
        var reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        var buffer = '';
        var pump = function () {
          return reader.read().then(function (r) {
            if (r.done) throw new Error('the stream ended');
            buffer += r.value;
            for (var end = buffer.indexOf('\\n\\n'); end >= 0; end = buffer.indexOf('\\n\\n')) {
              take(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
            return pump();
          });
        };
        return pump();
      })
      .catch(function () {
        if (mine !== watching || mine.signal.aborted) return;
        statusLine.textContent = 'Disconnected; reconnecting…';
        setTimeout(function () { if (mine === watching) watch(); }, 3000);
      });
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); watch(); });
  document.getElementById('clear').addEventListener('click', function () { list.textContent = ''; });
  if (document.getElementById('key').value) watch();
</script>
</body>
</html>`;
}
