import { snippet } from '@eventline/web';
import { pageHead } from './page-head';

/**
 * The page `npm start` points at: the real script-tag snippet, a few buttons, and the collector's
 * answer to each request, so a first-time user sees events land (and a rejected one explained).
 * The write key comes from ?key= or the form, never from the server.
 */
export function demoPage(): string {
  return `${pageHead('Eventline demo')}
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
  code, pre { font: 13px ui-monospace, monospace; }
  pre { background: #f6f8fa; padding: .75rem; border-radius: 6px; overflow-x: auto; }
  button { font: inherit; padding: .4rem .8rem; margin: .2rem .3rem .2rem 0; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
  input { font: inherit; padding: .35rem .5rem; width: 100%; box-sizing: border-box; border: 1px solid #d0d7de; border-radius: 6px; }
  .ok { color: #1a7f37; } .bad { color: #cf222e; }
  #log li { margin: .25rem 0; }
</style>
</head>
<body>
<h1>Eventline demo</h1>
<p>This page loads the browser SDK with the script-tag snippet and sends events to this collector.
Each answer of the collector appears below.</p>
<label>Write key (public, <code>el_pub_…</code>): <input id="key" autocomplete="off" placeholder="the write key npm start printed"></label>
<p>
  <button id="page">page()</button>
  <button id="form">track('form_submit')</button>
  <button id="identify">identify({ mobile })</button>
  <button id="custom">track('cl_demo_click')</button>
  <button id="flush">flush()</button>
</p>
<p><code>cl_demo_click</code> is rejected with <code>unknown_event</code> until you define it
(<code>POST /v1/definitions</code> with the admin key); it waits in quarantine, and
<code>POST /v1/quarantine/replay</code> records it once the definition exists.</p>
<ol id="log" reversed></ol>
<script>${snippet('/sdk/eventline.min.js')}</script>
<script>
  var input = document.getElementById('key');
  var key = new URLSearchParams(location.search).get('key') || localStorage.getItem('eventline-demo-key') || '';
  input.value = key;
  function log(html, cls) {
    var li = document.createElement('li');
    li.className = cls || '';
    li.innerHTML = html;
    var list = document.getElementById('log');
    list.insertBefore(li, list.firstChild);
  }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function start(k) {
    if (!k) { log('Paste the write key above to start.', 'bad'); return; }
    localStorage.setItem('eventline-demo-key', k);
    eventline.init({ endpoint: location.origin, writeKey: k, flushInterval: 1000, debug: true, onAnswer: function (a) {
      if (a.ok) {
        log(esc(a.events.length + ' sent: ' + a.accepted + ' accepted, ' + a.duplicates + ' duplicates, ' + a.rejected.length + ' rejected'), 'ok');
        a.rejected.forEach(function (r) { log(esc(r.code + ' at ' + (r.path || 'event') + ': ' + r.message), 'bad'); });
      } else {
        log(esc('not sent (' + a.status + '): ' + a.error.message + (a.retryInMs ? ', retrying in ' + Math.round(a.retryInMs / 1000) + ' s' : '')), 'bad');
      }
    } });
    eventline.page();
  }
  input.addEventListener('change', function () { location.search = '?key=' + encodeURIComponent(input.value.trim()); });
  document.getElementById('page').onclick = function () { eventline.page(); };
  document.getElementById('form').onclick = function () { eventline.track('form_submit', { form_id: 'demo', form_name: 'Demo form' }, { tags: ['demo'] }); };
  document.getElementById('identify').onclick = function () { eventline.identify({ mobile: '13800000000' }); };
  document.getElementById('custom').onclick = function () { eventline.track('cl_demo_click'); };
  document.getElementById('flush').onclick = function () { eventline.flush(); };
  start(key);
</script>
</body>
</html>`;
}
