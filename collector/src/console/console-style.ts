/** The console's one stylesheet: a laptop layout that folds to one column on a phone. */
export const consoleStyle = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2933;background:#f5f7fa}
a{color:#1d4ed8}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.25rem;padding:.6rem 1rem;background:#1f2933;color:#fff}
header strong{font-size:1.05rem}
header nav{display:flex;flex-wrap:wrap;gap:.25rem .9rem}
header nav a{color:#cbd5e1;text-decoration:none;padding:.15rem 0}
header nav a[aria-current]{color:#fff;border-bottom:2px solid #60a5fa}
header .who{margin-left:auto;display:flex;gap:.6rem;align-items:center;color:#cbd5e1;font-size:.85rem}
header .who button{background:none;border:1px solid #64748b;color:#e2e8f0}
header .tz{display:flex;gap:.3rem;align-items:center}
header .tz select{background:#334155;color:#e2e8f0;border-color:#64748b;font-size:.85rem;padding:.15rem .3rem;max-width:10rem}
main{max-width:1200px;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 1rem}
h2{font-size:1.05rem;margin:1.2rem 0 .5rem}
.flash{padding:.6rem .8rem;border-radius:6px;margin-bottom:1rem}
.flash.ok{background:#dcfce7;color:#14532d}
.flash.error{background:#fee2e2;color:#7f1d1d}
.columns{display:grid;grid-template-columns:220px 1fr;gap:1rem;align-items:start}
/* A grid item is as wide as its widest table by default: this lets the table scroll in its box instead. */
.columns>*{min-width:0}
aside,.card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:.8rem}
aside ul{list-style:none;margin:0 0 .6rem;padding:0}
aside li{display:flex;justify-content:space-between;gap:.4rem;padding:.2rem 0}
aside li a[aria-current]{font-weight:600;color:#1f2933}
aside details{margin:.2rem 0 .4rem;font-size:.9rem}
.toolbar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-bottom:.7rem}
.toolbar .grow{flex:1 1 12rem}
input,select,textarea,button{font:inherit}
input,select,textarea{padding:.35rem .5rem;border:1px solid #cbd5e1;border-radius:5px;background:#fff;max-width:100%}
input[readonly]{background:#f1f5f9;color:#475569}
button,.button{display:inline-block;padding:.35rem .8rem;border:1px solid #1d4ed8;border-radius:5px;background:#1d4ed8;color:#fff;text-decoration:none;cursor:pointer}
button.secondary,.button.secondary{background:#fff;color:#1d4ed8}
button.danger{background:#b91c1c;border-color:#b91c1c}
button.link{background:none;border:none;color:#b91c1c;padding:0}
a.danger-link{color:#b91c1c}
.table-wrap{overflow-x:auto;background:#fff;border:1px solid #e2e8f0;border-radius:8px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #eef2f6;vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:#64748b;background:#f8fafc}
tr.system td,tr.system a{color:#94a3b8}
.badge{display:inline-block;padding:0 .4rem;border-radius:4px;background:#e2e8f0;font-size:.8rem}
.badge.aside{margin-left:.4rem}
.badge.in{background:#dbeafe}.badge.out{background:#fef3c7}
.form-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.7rem}
label{display:flex;flex-direction:column;gap:.2rem;font-size:.9rem;color:#475569}
.field-error{display:block;color:#b91c1c;font-size:.85em;margin-top:.2rem}
[aria-invalid=true]{border-color:#b91c1c}
.props td{padding:.25rem}
.props input,.props select{width:100%}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.6rem;margin-bottom:1rem}
.facts div{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:.6rem}
.facts b{display:block;font-size:.75rem;text-transform:uppercase;color:#64748b}
.chart{width:100%;max-width:820px;height:auto;background:#fff;border:1px solid #e2e8f0;border-radius:8px}
.muted{color:#64748b}
.nowrap{white-space:nowrap}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1.5rem;align-items:center;margin-bottom:.8rem}
.chips{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center}
.chips b,label.row b{font-size:.75rem;text-transform:uppercase;color:#64748b;margin-right:.3rem}
.chips a{padding:.15rem .7rem;border:1px solid #cbd5e1;border-radius:999px;text-decoration:none;color:#334155;background:#fff}
.chips a[aria-current]{background:#1d4ed8;border-color:#1d4ed8;color:#fff}
label.row{flex-direction:row;align-items:center;gap:.4rem}
.new-key{border-color:#86efac;background:#f0fdf4;margin-bottom:1rem}
.tags{display:inline-flex;flex-wrap:wrap;gap:.25rem}
.tag{display:inline-block;padding:0 .5rem;border-radius:999px;background:#ede9fe;color:#5b21b6;font-size:.8rem}
input.secret{width:100%;font-family:ui-monospace,Menlo,Consolas,monospace}
.toolbar.inline{margin:0}
pre.json{max-height:16rem;overflow:auto;background:#f8fafc;border:1px solid #eef2f6;border-radius:5px;padding:.4rem;margin-top:.3rem}
details summary{cursor:pointer;color:#1d4ed8}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}
pre{white-space:pre-wrap;word-break:break-all;margin:0}
.login{max-width:24rem;margin:12vh auto}
@media (max-width:720px){
  .columns{grid-template-columns:1fr}
  main{padding:.6rem}
  header .who{margin-left:0;flex-wrap:wrap}
  th,td{padding:.35rem .4rem}
  .hide-narrow{display:none}
  .nowrap{white-space:normal}
}
`;
