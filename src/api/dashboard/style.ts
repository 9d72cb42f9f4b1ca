/**
 * The dashboard's only stylesheet, served from /dashboard/assets/app.css (the CSP forbids inline styles).
 * Phone first: KIM volunteers open it on a 390 px phone, so nothing may be wider than the screen —
 * tables turn into cards below 760 px, the header wraps, every tap target is at least 44 px, and
 * words never break in the middle (only long tokens such as links may, via `.long`).
 */
export const DASHBOARD_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8;overflow-wrap:normal;word-break:normal;hyphens:none}
main{max-width:1100px;margin:0 auto;padding:.75rem}
h1{font-size:1.4rem;line-height:1.25;margin:.6rem 0}
h2{font-size:1.15rem;margin:.2rem 0 .6rem}
a{color:#0b4f6c}
.long,pre.text a{overflow-wrap:anywhere}
.top{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;padding:.4rem .75rem;background:#0b4f6c;color:#fff}
.top a,.top .brand{color:#fff;font-weight:700;text-decoration:none}
.top .brand{display:inline-flex;align-items:center;min-height:44px;font-size:1.1rem}
.top .who{flex:1 1 16rem;opacity:.9;font-size:.9rem}
.top .who span{white-space:nowrap}
.top .who span:first-child{white-space:normal}
.sections{display:flex;flex-wrap:wrap;gap:0 .25rem;order:3;flex-basis:100%}
.top .sections a{display:inline-flex;align-items:center;min-height:44px;padding:0 .6rem;font-weight:400;border-radius:4px}
.top .sections a:hover,.top .sections a:focus{background:rgba(255,255,255,.15)}
.top .sections a[aria-current]{background:rgba(255,255,255,.22);font-weight:700}
form.inline{display:inline;margin:0}
.top .logout{margin-left:auto}
.lang-switch{display:inline-flex;align-items:center;gap:.3rem;font-size:.9rem;white-space:nowrap}
.top .lang-switch a{display:inline-flex;align-items:center;min-height:44px;font-weight:400;text-decoration:underline}
.lang-switch strong{font-weight:700}
.card{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:.9rem;margin:.9rem 0}
.narrow{max-width:420px;margin:2rem auto}
label{display:block;margin:.7rem 0 .25rem;font-weight:600}
label input,label select,label textarea{font-weight:400}
main > p:first-child > a{display:inline-flex;align-items:center;min-height:44px}
.hint{display:block;font-weight:400;font-size:.9rem;color:#5c6873}
.filters{display:flex;gap:.6rem 1rem;align-items:flex-end;flex-wrap:wrap}
.filters label{margin:0;flex:1 1 12rem}
.filters input,.filters select{width:100%}
input,select,textarea{font:inherit;min-height:44px;padding:.45rem .55rem;border:1px solid #aab4be;border-radius:4px;max-width:100%;background:#fff}
input[type=checkbox],input[type=radio]{min-height:0;width:1.35rem;height:1.35rem;margin:0;flex:none}
textarea,#token,#source,#regions,#name,#into,.wide{width:100%}
button,.button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;font:inherit;padding:.45rem 1rem;border:0;border-radius:4px;background:#0b4f6c;color:#fff;cursor:pointer;margin-top:.6rem;text-decoration:none}
button.secondary,.button.secondary{background:#e1e6eb;color:#1b1f24}
button.danger{background:#8a1c17}
.top button{margin:0;background:#fff;color:#0b4f6c}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.4rem 0 0}
.actions button,.actions .button{margin-top:0}
table.queue{width:100%;border-collapse:collapse;background:#fff;margin-top:1rem}
.queue th,.queue td{border-bottom:1px solid #e1e6eb;padding:.5rem;text-align:left;vertical-align:top}
.queue td a{display:inline-flex;align-items:center;min-height:44px}
.queue td:first-child{font-weight:600}
.queue td:first-child a{white-space:nowrap}
pre.text{white-space:pre-wrap;overflow-wrap:normal;font:inherit;margin:.3rem 0}
.snippet{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden;white-space:pre-line}
td.text{max-width:420px}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-weight:700;font-size:.85em;background:#e1e6eb;white-space:nowrap}
.band-tinggi{background:#f6d5d1;color:#7a1d12}.band-sedang{background:#fbeccb;color:#5c4300}.band-rendah{background:#dcefdc;color:#1e4d1e}.band-tidak_yakin{background:#e1e6eb;color:#3a4550}
.v-hoaks,.v-penipuan{background:#fde2e1;color:#8a1c17}
.v-menyesatkan{background:#fff1d6;color:#7a4a00}
.v-belum_terbukti{background:#e8eaf6;color:#283593}
.v-benar{background:#def5e5;color:#14532d}
.meta{display:grid;grid-template-columns:minmax(6rem,10rem) minmax(0,1fr);gap:.3rem .8rem}
.meta dt{font-weight:600}
.meta dd{margin:0;min-width:0}
.muted{color:#5c6873}
.error{background:#fde2e1;color:#8a1c17;padding:.6rem;border-radius:4px}
.ok{background:#def5e5;color:#14532d;padding:.6rem;border-radius:4px}
.secret{display:block;font:1rem/1.4 ui-monospace,monospace;background:#fff8e1;border:1px dashed #7a4a00;padding:.6rem;border-radius:4px;overflow-wrap:anywhere;user-select:all}
fieldset{border:1px solid #d8dee4;border-radius:4px;margin:.7rem 0;padding:.4rem .8rem;min-width:0}
fieldset label{display:inline-flex;align-items:center;gap:.5rem;min-height:44px;font-weight:400;margin:0 1.2rem 0 0}
.choices label{display:flex;gap:.6rem;font-weight:400;align-items:flex-start;border-bottom:1px solid #e1e6eb;padding:.6rem 0;margin:0;min-height:44px}
.choices label > span{min-width:0}
.progress{display:grid;grid-template-columns:repeat(auto-fit,minmax(6rem,1fr));gap:.6rem;margin:.6rem 0}
.progress div{background:#f4f6f8;border-radius:4px;padding:.5rem;text-align:center}
.progress strong{display:block;font-size:1.5em}
.state-running{background:#fff1d6;color:#7a4a00}
.state-done{background:#def5e5;color:#14532d}
img.qr{display:block;margin:1rem 0;width:320px;max-width:100%;height:auto;aspect-ratio:1;image-rendering:pixelated;border:1px solid #d8dee4}
blockquote{margin:0;padding:.2rem 1rem;border-left:4px solid #aab4be}
ol.reports,ul.failures,ul.similar{padding-left:1.2rem}
ol.reports li,ul.failures li{margin:.6rem 0}
ul.similar{list-style:none;padding:0;margin:0}
ul.similar li{border-top:1px solid #e1e6eb;padding:.6rem 0}
.preview{background:#eef6fa;border-left:4px solid #0b4f6c;padding:.6rem .8rem;border-radius:4px}
details summary{display:list-item;padding:.65rem 0;cursor:pointer;font-weight:600}
.picker{position:relative;display:block}
.picker input{width:100%}
.js .resolved.picked{display:none}
.picker-chips{display:flex;flex-wrap:wrap;gap:.4rem;margin:.2rem 0 .4rem;padding:0;list-style:none}
.picker-chips li{display:inline-flex;align-items:center;gap:.2rem;background:#e8f1f5;border-radius:22px;padding:0 0 0 .7rem;max-width:100%}
.picker-chips button{margin:0;min-width:44px;background:transparent;color:#0b4f6c;font-weight:700;padding:0}
.picker-list{position:absolute;z-index:5;left:0;right:0;margin:.1rem 0 0;padding:0;list-style:none;background:#fff;border:1px solid #aab4be;border-radius:4px;box-shadow:0 4px 12px rgba(0,0,0,.15);max-height:60vh;overflow-y:auto}
.picker-list button{display:block;width:100%;margin:0;text-align:left;background:#fff;color:#1b1f24;border-radius:0;border-bottom:1px solid #eef1f4;font-weight:400}
.picker-list button:hover,.picker-list button:focus,.picker-list button.active{background:#e8f1f5}
.resolved{margin:.3rem 0 0;font-size:.9rem;color:#14532d}
@media (max-width:760px){
  main{padding:.5rem}
  .card{padding:.75rem;margin:.6rem 0}
  .meta{grid-template-columns:minmax(0,1fr)}
  .meta dt{margin-top:.4rem}
  table.queue,table.queue tbody,table.queue tr,table.queue td{display:block;width:100%;max-width:none}
  table.queue{background:transparent}
  table.queue thead{display:none}
  table.queue tr{background:#fff;border:1px solid #d8dee4;border-radius:6px;margin:0 0 .6rem;padding:.3rem .7rem}
  .queue td{border:0;padding:.15rem 0}
  .queue td[data-label]:not(.text):not(:first-child)::before{content:attr(data-label) ": ";font-weight:600;color:#5c6873}
  .queue td.empty::before{content:none}
  .queue td.no-actions{display:none}
  .top .who{flex-basis:100%;order:2}
  .top .logout{order:1}
}
`;

/** The statistics page: tiles and tables that stack on a phone. */
export const STATS_CSS = `
figure.chart{margin:0}
svg.chart{width:100%;height:10rem;display:block}
.chart-max,.chart-axis{color:#5c6873;font-size:.9em}
.chart-axis{display:flex;justify-content:space-between;gap:1rem;margin-top:.2rem}
.stat-tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem;margin:1rem 0}
.stat-tiles div{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:.6rem;text-align:center}
.stat-tiles strong{display:block;font-size:1.4em}
.stat-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:0 1rem}
table.plain{width:100%;border-collapse:collapse}
.plain td,.plain th{border-bottom:1px solid #e1e6eb;padding:.4rem;text-align:left}
.plain .num{text-align:right;white-space:nowrap}
.top-claims li{margin:.5rem 0;overflow-wrap:anywhere}
a.button-link{display:inline-block;padding:.6rem .9rem;border-radius:4px;background:#e1e6eb;color:#0b4f6c;text-decoration:none;min-height:44px}
`;
