/**
 * The report's one stylesheet, inlined in a <style> element (the export is served with
 * `style-src 'unsafe-inline'` and nothing else). System fonts only, including CJK ones.
 */
export const REPORT_CSS = `
:root { --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --soft: #f9fafb; --blue: #1d4ed8; --up: #047857; --up-bg: #d1fae5; --down: #b91c1c; --down-bg: #fee2e2; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; padding: 24px 28px 40px; max-width: 1180px; color: var(--ink); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
body.compare { max-width: 1680px; }
header.doc { border-bottom: 2px solid var(--ink); margin-bottom: 20px; padding-bottom: 8px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 10px; }
h3 { font-size: 15px; margin: 22px 0 8px; }
p { margin: 6px 0; }
.muted, .note { color: var(--muted); }
.note { font-size: 12px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 1px 4px; border-radius: 3px; }
.runs { display: grid; grid-template-columns: minmax(0, 1fr); gap: 32px; }
.compare .runs { grid-template-columns: repeat(2, minmax(0, 1fr)); }
.run > h2 { margin-top: 0; padding-bottom: 4px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px 20px; margin: 0 0 16px; }
.meta div { border-left: 3px solid var(--line); padding-left: 8px; }
.meta dt { font-size: 12px; color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 4px; }
.card { flex: 1 1 130px; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); }
.card-name { font-size: 12px; color: var(--muted); }
.card-value { font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
.delta { font-variant-numeric: tabular-nums; font-weight: 600; padding: 1px 6px; border-radius: 4px; display: inline-block; }
.delta.up { color: var(--up); background: var(--up-bg); }
.delta.down { color: var(--down); background: var(--down-bg); }
.delta.same, .delta.none { color: var(--muted); }
.table-wrap { overflow-x: auto; margin: 6px 0 10px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 500; overflow-wrap: anywhere; max-width: 260px; }
table.numbers td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.numbers thead th:not(:first-child) { text-align: right; }
table.per-category { font-size: 12px; }
table.per-category th, table.per-category td { padding: 3px 6px; }
.compare-table td:last-child { text-align: center; }
.chart-wrap { overflow-x: auto; }
.pair { display: flex; flex-wrap: wrap; gap: 0 48px; align-items: flex-start; }
.pair > div { min-width: 0; max-width: 100%; }
table.coco td:nth-child(2), table.coco td:nth-child(3), table.coco thead th:nth-child(2), table.coco thead th:nth-child(3) { text-align: left; }
svg.chart { max-width: 100%; height: auto; display: block; font-family: inherit; }
svg .axis-label { font-size: 12px; fill: var(--ink); }
svg .axis-title { font-size: 12px; font-weight: 600; fill: var(--muted); }
svg .tick { font-size: 11px; fill: var(--muted); }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .frame { fill: none; stroke: #9ca3af; }
.cm-cell rect { stroke: #fff; stroke-width: 1; }
.cm-cell rect.diag { stroke: var(--ink); stroke-width: 1.5; }
.cm-count { text-anchor: middle; dominant-baseline: central; fill: var(--ink); font-variant-numeric: tabular-nums; }
.cm-count.on-dark { fill: #fff; }
figure { margin: 8px 0 16px; break-inside: avoid; }
figure.pr { width: 400px; max-width: 100%; }
figcaption { font-weight: 600; font-size: 13px; margin-bottom: 4px; }
.pr-curve { fill: none; stroke-width: 2; stroke-linejoin: round; }
.legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 2px 16px; font-size: 12px; }
.legend li { display: flex; align-items: center; gap: 6px; overflow-wrap: anywhere; }
.swatch { display: inline-block; width: 18px; height: 0; border-top: 3px solid; flex: none; }
.s0 { stroke: #1d4ed8; color: #1d4ed8; } .s1 { stroke: #ea580c; color: #ea580c; } .s2 { stroke: #059669; color: #059669; }
.s3 { stroke: #dc2626; color: #dc2626; } .s4 { stroke: #7c3aed; color: #7c3aed; } .s5 { stroke: #a16207; color: #a16207; }
.s6 { stroke: #db2777; color: #db2777; } .s7 { stroke: #4b5563; color: #4b5563; } .s8 { stroke: #65a30d; color: #65a30d; }
.s9 { stroke: #0891b2; color: #0891b2; }
.d1 { stroke-dasharray: 6 3; } .swatch.d1 { border-top-style: dashed; }
.d2 { stroke-dasharray: 2 3; } .swatch.d2 { border-top-style: dotted; }
.slice-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 8px 28px; }
.slice-bar .track { fill: var(--soft); stroke: var(--line); }
.slice-bar .bar { fill: #60a5fa; }
.slice-bar.best .bar { fill: #059669; }
.slice-bar.worst .bar { fill: #dc2626; }
.slice-bar.thin { opacity: 0.45; }
.bar-value { font-size: 12px; font-variant-numeric: tabular-nums; fill: var(--ink); }
.gap { font-size: 13px; }
.gap .slice-name { font-weight: 600; overflow-wrap: anywhere; }
footer { margin-top: 32px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4; margin: 14mm; }
@page wide { size: A4 landscape; margin: 10mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  body.compare { page: wide; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  .table-wrap, .chart-wrap { overflow: visible; }
  table { font-size: 10px; } th, td { padding: 2px 6px; } tbody th { max-width: 180px; }
  table, .cards, .meta { break-inside: avoid; }
  .card-value { font-size: 20px; }
}
`;
