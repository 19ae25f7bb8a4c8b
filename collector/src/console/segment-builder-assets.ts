/**
 * The builder's few lines of script: a row shows only the fields of its kind, rows are added (a copy of
 * the blank last one) and removed, and the count of who matches is fetched as the condition changes.
 * Without script the form still works: every field shows, and one blank row is there to fill.
 */
export const segmentBuilderScript = `(function () {
  var form = document.getElementById('segment-builder');
  var list = document.getElementById('conditions');
  var out = document.getElementById('live-count');
  form.classList.add('js');
  function blank(row) {
    row.querySelectorAll('input').forEach(function (i) { i.value = i.name === 'row.count' ? '1' : ''; });
    row.querySelectorAll('select').forEach(function (s) { s.selectedIndex = 0; });
    row.querySelectorAll('.row-error').forEach(function (e) { e.remove(); });
    row.dataset.kind = '';
    row.dataset.group = 'main';
  }
  list.addEventListener('change', function (e) {
    if (e.target.name === 'row.kind') e.target.closest('.cond').dataset.kind = e.target.value;
    if (e.target.name === 'row.group') e.target.closest('.cond').dataset.group = e.target.value;
  });
  list.addEventListener('click', function (e) {
    if (!e.target.classList.contains('remove')) return;
    var row = e.target.closest('.cond');
    if (list.querySelectorAll('.cond').length > 1) row.remove(); else blank(row);
    count();
  });
  document.getElementById('add-condition').addEventListener('click', function () {
    var rows = list.querySelectorAll('.cond');
    var row = rows[rows.length - 1].cloneNode(true);
    blank(row);
    list.appendChild(row);
    row.querySelector('select[name="row.kind"]').focus();
  });
  var timer, asked = 0;
  function count() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var mine = ++asked;
      var q = new URLSearchParams(new FormData(form));
      q.delete('_csrf');
      out.textContent = 'Counting…';
      fetch('/console/segments/count?' + q, { headers: { accept: 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (b) {
          if (mine !== asked) return;
          if (!b.error) form.querySelectorAll('.row-error').forEach(function (e) { e.remove(); });
          out.className = b.error ? 'live-count error' : 'live-count';
          out.textContent = b.error ? b.error.message : b.count + (b.count === 1 ? ' customer matches' : ' customers match') + ' now';
        });
    }, 350);
  }
  form.addEventListener('input', count);
  form.addEventListener('change', count);
  count();
})();`;

/** Only the fields of a row's kind show; a row not yet given a kind shows them all. */
export const segmentBuilderStyle = `
.conditions{display:flex;flex-direction:column;gap:.5rem;margin:.6rem 0}
.cond{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;padding:.5rem;border:1px solid #e2e8f0;border-radius:6px;background:#f8fafc}
.cond[data-group=sub]{margin-left:1.5rem;border-left:3px solid #93c5fd}
.cond .f{display:inline-flex;flex-wrap:wrap;gap:.3rem;align-items:center;max-width:100%}
.cond select{max-width:min(100%,18rem)}
.js .cond[data-kind=""] .f{display:none}
@media (max-width:720px){.cond[data-group=sub]{margin-left:.5rem}}
.cond input{width:7rem}.cond input.wide{width:10rem}
.cond[data-kind=did] .f:not(.f-did),.cond[data-kind=didNot] .f:not(.f-did),.cond[data-kind=tagged] .f:not(.f-tagged),
.cond[data-kind=activeness] .f:not(.f-activeness),.cond[data-kind=stage] .f:not(.f-stage){display:none}
.cond .remove{margin-left:auto}
.row-error{flex-basis:100%;margin:0;color:#b91c1c;font-size:.9rem}
.live-count{font-size:1.05rem;font-weight:600;color:#14532d;margin:.3rem 0}
.live-count.error{color:#b91c1c;font-weight:400}
`;
