/** The dashboard's only stylesheet, served from /dashboard/assets/app.css (the CSP forbids inline styles). */
export const DASHBOARD_CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}
main{max-width:1100px;margin:0 auto;padding:1rem}
.top{display:flex;gap:1rem;align-items:center;padding:.6rem 1rem;background:#0b4f6c;color:#fff}
.top a,.top .brand{color:#fff;font-weight:700;text-decoration:none}
.top .who{flex:1;opacity:.9}
form.inline{display:inline;margin:0}
.card{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:1rem;margin:1rem 0}
.narrow{max-width:420px;margin:2rem auto}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}
.filters{display:flex;gap:1rem;align-items:flex-end;flex-wrap:wrap}
.filters label{margin:0}
input,select,textarea{font:inherit;padding:.35rem;border:1px solid #aab4be;border-radius:4px;max-width:100%}
textarea,#token,#source{width:100%}
button{font:inherit;padding:.4rem .9rem;border:0;border-radius:4px;background:#0b4f6c;color:#fff;cursor:pointer;margin-top:.6rem}
.top button{margin:0;background:#fff;color:#0b4f6c}
.actions{margin:.3rem 0 0}
.actions button{margin-top:0;padding:.25rem .7rem;font-size:.9em}
table.queue{width:100%;border-collapse:collapse;background:#fff;margin-top:1rem}
.queue th,.queue td{border-bottom:1px solid #e1e6eb;padding:.45rem;text-align:left;vertical-align:top}
pre.text{white-space:pre-wrap;word-break:break-word;font:inherit;margin:.3rem 0}
td.text{max-width:420px;word-break:break-word}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-weight:700;font-size:.85em;background:#e1e6eb}
.v-hoaks,.v-penipuan{background:#fde2e1;color:#8a1c17}
.v-menyesatkan{background:#fff1d6;color:#7a4a00}
.v-belum_terbukti{background:#e8eaf6;color:#283593}
.v-benar{background:#def5e5;color:#14532d}
.meta{display:grid;grid-template-columns:10rem 1fr;gap:.2rem .8rem}
.meta dt{font-weight:600}
.muted{color:#5c6873}
.error{background:#fde2e1;color:#8a1c17;padding:.5rem;border-radius:4px}
.ok{background:#def5e5;color:#14532d;padding:.5rem;border-radius:4px}
.sections{display:flex;gap:.8rem}
.top .sections a{font-weight:400;opacity:.9}
.top .sections a:hover{text-decoration:underline;opacity:1}
fieldset{border:1px solid #d8dee4;border-radius:4px;margin:.6rem 0;padding:.4rem .8rem}
fieldset label{display:inline-block;font-weight:400;margin-right:1rem}
.choices label{display:flex;gap:.5rem;font-weight:400;align-items:flex-start;border-bottom:1px solid #e1e6eb;padding:.35rem 0}
.progress{display:grid;grid-template-columns:repeat(4,minmax(6rem,1fr));gap:.6rem;margin:.6rem 0}
.progress div{background:#f4f6f8;border-radius:4px;padding:.5rem;text-align:center}
.progress strong{display:block;font-size:1.5em}
.state-running{background:#fff1d6;color:#7a4a00}
.state-done{background:#def5e5;color:#14532d}
img.qr{display:block;margin:1rem 0;width:320px;height:320px;image-rendering:pixelated;border:1px solid #d8dee4}
blockquote{margin:0;padding:.2rem 1rem;border-left:4px solid #aab4be}
`;

/** The statistics page: tiles and tables that stack on a phone. */
export const STATS_CSS = `
svg.chart{width:100%;height:auto;display:block}
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
