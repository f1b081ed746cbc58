/**
 * The report's one stylesheet: system fonts, light and dark schemes following the system (prefers-color-scheme),
 * colours chosen for WCAG AA contrast (badges: white on a dark fill, 4.5:1 or more), a print layout.
 */
export const STYLE = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1b1f24;--muted:#4d5561;--border:#d0d7de;--panel:#f6f8fa;--link:#0a58ca;
--critical:#6e2fbf;--high:#b42318;--medium:#8a4600;--low:#0b5cad;--info:#4d5561;--pass:#1a7f37;--fail:#b42318;--ne:#7a5b00;
--node:#ffffff;--node-stroke:#57606a;--edge:#6e7781;--added:#1a7f37;--removed:#cf222e;--changed:#9a6700;--focus:#0a58ca;--mark:#fff3bf}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#a9b3bd;--border:#3d444d;--panel:#161b22;--link:#6cb6ff;
--node:#161b22;--node-stroke:#8b949e;--edge:#8b949e;--added:#3fb950;--removed:#ff7b72;--changed:#d29922;--focus:#6cb6ff;--mark:#3b2e00;
--info:#5b6470;--medium:#9a5200}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
body{margin:0 auto;max-width:1280px;padding:0 20px 60px}
a{color:var(--link)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
pre{white-space:pre-wrap;word-break:break-word;background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:8px 10px;margin:4px 0;max-height:28em;overflow:auto}
header.top{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 16px;border-bottom:1px solid var(--border);padding:16px 0 8px}
header.top h1{margin:0;font-size:24px}
.muted{color:var(--muted)}
nav.toc{display:flex;flex-wrap:wrap;gap:4px 14px;padding:8px 0;border-bottom:1px solid var(--border)}
section{margin-top:28px}
h2{font-size:20px;margin:0 0 10px;border-bottom:1px solid var(--border);padding-bottom:4px}
h3{font-size:16px;margin:16px 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--border)}
th{background:var(--panel);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.sev,.status{display:inline-block;min-width:5.2em;text-align:center;border-radius:4px;padding:0 6px;color:#fff;font-size:12px;font-weight:600;line-height:20px;text-transform:uppercase;letter-spacing:.02em}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}.sev-info{background:var(--info)}
.status{white-space:nowrap;min-width:8.5em}
.status-pass{background:var(--pass)}.status-fail{background:var(--fail)}.status-not-evaluated{background:var(--ne)}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.counts .count{border:1px solid var(--border);border-radius:6px;padding:4px 10px;background:var(--panel)}
.banner{border:1px solid var(--ne);border-left-width:6px;border-radius:6px;padding:6px 10px;margin:8px 0;background:var(--panel)}
.controls{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;padding:10px;border:1px solid var(--border);border-radius:6px;background:var(--panel);margin-bottom:10px;position:sticky;top:0;z-index:2}
.controls label{display:inline-flex;gap:6px;align-items:center}
.controls input,.controls select,.controls button,.zoom button{font:inherit;font-size:14px;color:var(--fg);background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:3px 8px}
.controls button[aria-pressed=true]{outline:2px solid var(--fg);font-weight:700}
.controls input[type=search]{min-width:16em}
#f-count{font-weight:600}
details.group{border:1px solid var(--border);border-radius:6px;margin:8px 0;background:var(--bg)}
details.group>summary{padding:6px 10px;background:var(--panel);border-radius:6px;cursor:pointer}
details.group>summary .count{float:right;color:var(--muted)}
.group-info{padding:4px 12px;border-bottom:1px solid var(--border)}
.group-body{padding:2px 8px 6px}
details.finding{border-bottom:1px solid var(--border);padding:2px 4px}
details.finding:last-child{border-bottom:0}
details.finding>summary{cursor:pointer;padding:3px 0;list-style-position:outside}
details.finding>summary .res{font-weight:600}
details.finding:target,details.finding.flash{background:var(--mark)}
.finding-body{padding:4px 0 8px 22px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0}
dl.facts dt{font-weight:600;color:var(--muted)}
dl.facts dd{margin:0;min-width:0}
pre.fix .add,pre.fix.add{color:var(--added)}pre.fix .del{color:var(--removed)}pre.fix .cmd{font-weight:600}
summary:focus-visible,a:focus-visible,button:focus-visible,select:focus-visible,input:focus-visible,.node:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.graph-box{overflow:auto;max-height:80vh;border:1px solid var(--border);border-radius:6px;background:var(--bg);margin:6px 0}
.zoom{display:flex;gap:6px;margin:4px 0}
svg.graph{display:block}
svg.graph text{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;fill:var(--fg);text-anchor:middle;dominant-baseline:auto}
svg.graph text.detail{font-size:10.5px;fill:var(--muted)}
svg.graph .node rect{fill:var(--node);stroke:var(--node-stroke);stroke-width:1.2}
svg.graph a.node{cursor:pointer}
svg.graph a.node rect{stroke-width:2}
svg.graph .kind-internet rect{stroke:#d1242f;stroke-width:2}
svg.graph .kind-imds rect,svg.graph .kind-wireserver rect{stroke:#bf3989;stroke-width:2}
svg.graph .kind-api-server rect{stroke:#8250df;stroke-width:2}
svg.graph .kind-private rect{stroke:#9a6700;stroke-width:2}
svg.graph .kind-any-namespace rect,svg.graph .kind-group rect{stroke-dasharray:5 3}
svg.graph .kind-goal rect{stroke:#d1242f;stroke-width:2.5}
svg.graph .kind-subject rect{stroke:var(--link);stroke-width:2}
svg.graph .edge path{fill:none;stroke:var(--edge);stroke-width:1.3}
svg.graph .edge text.edge-label{font-size:10.5px;fill:var(--muted)}
svg.graph .edge text.edge-label.aside{text-anchor:start}
svg.graph .arrowhead path{fill:var(--edge)}
svg.graph .edge.change-added path{stroke:var(--added);stroke-width:2}
svg.graph .edge.change-removed path{stroke:var(--removed);stroke-width:2;stroke-dasharray:6 3}
svg.graph .edge.change-changed path{stroke:var(--changed);stroke-width:2}
svg.graph .arrowhead.change-added path{fill:var(--added)}svg.graph .arrowhead.change-removed path{fill:var(--removed)}svg.graph .arrowhead.change-changed path{fill:var(--changed)}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px}
.legend .l-added{color:var(--added)}.legend .l-removed{color:var(--removed)}.legend .l-changed{color:var(--changed)}
.doc h3,.doc h4{margin:10px 0 4px;font-size:15px}
.no-js .js-only{display:none!important}
footer{margin-top:40px;border-top:1px solid var(--border);padding-top:8px;font-size:13px}
@media print{
 :root{--bg:#fff;--fg:#000;--panel:#fff;color-scheme:light}
 body{max-width:none;padding:0}
 .controls,.zoom,nav.toc{display:none!important}
 .graph-box{overflow:visible;max-height:none;border:0}
 details{break-inside:avoid}
 details::details-content{content-visibility:visible;display:contents}
 pre{max-height:none}
 a{color:inherit;text-decoration:none}
}
`;
