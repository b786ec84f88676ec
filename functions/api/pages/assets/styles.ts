/**
 * The one stylesheet. System fonts (nothing to download), colours with at least 4.5:1 contrast,
 * a focus ring on everything that takes focus, tables that scroll inside their own box so a
 * 360 px phone never scrolls sideways, and a print layout without navigation or forms.
 */
export const styles = `
:root {
  --ink: #1b1f24; --muted: #4a5360; --line: #c9d1da; --paper: #ffffff; --wash: #f3f5f8;
  --brand: #0b4f8a; --brand-ink: #ffffff; --danger: #a4161a; --ok: #1e6b35; --warn: #7a4b00;
  --focus: #c25e00; --radius: 6px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  color: var(--ink); background: var(--wash); line-height: 1.5; font-size: 16px;
}
* { box-sizing: border-box; }
body { margin: 0; min-width: 0; }
a { color: var(--brand); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: var(--paper); padding: 8px; z-index: 10; }

.top { background: var(--brand); color: var(--brand-ink); }
.top a, .top button.link { color: var(--brand-ink); }
.top-bar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between;
  max-width: 1200px; margin: 0 auto; padding: 8px 16px; }
.brand { font-weight: 700; text-decoration: none; font-size: 1.1rem; }
.account { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; font-size: .9rem; }
.account form { margin: 0; }
nav.main { background: #083c69; }
nav.main ul { display: flex; flex-wrap: wrap; gap: 2px; list-style: none; margin: 0 auto; padding: 4px 12px; max-width: 1200px; }
nav.main a { display: block; padding: 6px 10px; color: #fff; text-decoration: none; border-radius: var(--radius); }
nav.main a[aria-current="page"] { background: #fff; color: var(--brand); font-weight: 600; }
nav.main a:hover { text-decoration: underline; }

main { max-width: 1200px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5rem; margin: 8px 0 16px; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 24px 0 8px; }
.panel { background: var(--paper); border: 1px solid var(--line); border-radius: var(--radius); padding: 16px; margin-bottom: 16px; }
.muted { color: var(--muted); }
.narrow { max-width: 28rem; }

.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 0 0 16px; padding: 0; list-style: none; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: var(--radius); padding: 12px; }
.card .label { color: var(--muted); font-size: .9rem; display: block; }
.card .value { font-size: 1.5rem; font-weight: 700; display: block; }
.card .change { font-size: .9rem; display: block; }
.up { color: var(--ok); } .down { color: var(--danger); }

.table-wrap { overflow-x: auto; background: var(--paper); border: 1px solid var(--line); border-radius: var(--radius); margin-bottom: 16px; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; padding: 8px 12px; font-weight: 600; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--wash); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:hover { background: #f7f9fc; }
.suppressed { color: var(--muted); }

form.stack { display: grid; gap: 12px; }
.field { display: grid; gap: 4px; }
.field label, .field legend { font-weight: 600; }
.field .hint { color: var(--muted); font-size: .9rem; }
.field .error { color: var(--danger); font-weight: 600; font-size: .95rem; }
input, select, textarea { font: inherit; color: inherit; padding: 8px 10px; border: 1px solid #76808c; border-radius: var(--radius);
  background: #fff; width: 100%; max-width: 32rem; min-height: 44px; }
input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"] { border: 2px solid var(--danger); }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; }
.filters .field { flex: 1 1 12rem; }
button, .button { font: inherit; display: inline-block; padding: 8px 16px; min-height: 44px; border-radius: var(--radius);
  border: 1px solid var(--brand); background: var(--brand); color: var(--brand-ink); cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: #fff; color: var(--brand); }
button.danger { background: var(--danger); border-color: var(--danger); }
button.link { background: none; border: none; padding: 0; min-height: 0; text-decoration: underline; color: var(--brand); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }

.notice { padding: 12px 16px; border-radius: var(--radius); border: 1px solid; margin-bottom: 16px; background: #fff; }
.notice.error { border-color: var(--danger); color: var(--danger); }
.notice.ok { border-color: var(--ok); color: var(--ok); }
.notice.warn { border-color: var(--warn); color: var(--warn); }
.badge { display: inline-block; padding: 0 8px; border-radius: 999px; border: 1px solid var(--line); font-size: .85rem; background: var(--wash); }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.chart { width: 100%; height: auto; max-width: 720px; }
.tree ul { list-style: none; padding-left: 1.25rem; margin: 0; }
.tree > ul { padding-left: 0; }
.similar { margin: 0 0 16px; line-height: 2; }
.pager { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px 0 16px; }
.downloads { margin: 0 0 16px; }
.downloads a { display: inline-block; padding: 6px 0; }

@media (max-width: 600px) {
  main { padding: 12px; }
  dl.facts { grid-template-columns: 1fr; }
  h1 { font-size: 1.3rem; }
  /* On a phone the menu is one row that scrolls inside itself, not four rows above every page. */
  nav.main ul { flex-wrap: nowrap; overflow-x: auto; padding: 4px 8px; }
  nav.main li { flex: none; }
  .top-bar { padding: 6px 12px; }
}
@media print {
  .top, nav.main, .no-print, form, .pager, .downloads, .skip { display: none !important; }
  body, :root { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; border: none; }
  th { background: #eee; }
  a { color: inherit; text-decoration: none; }
  tr { break-inside: avoid; }
}

/* front: the Front's dashboard — screen-reader text, the sortable table's sticky names, and an A4 landscape print */
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.crumbs { margin-top: 8px; }
.front-report .table-wrap { position: relative; }
.front-report .summary { font-size: 1.05rem; font-weight: 600; }
.front-report tr.total > * { font-weight: 700; }
.front-report th.group { text-align: center; border-left: 1px solid var(--line); }
.front-report thead th { white-space: normal; vertical-align: bottom; }
.front-report .chart { max-width: 360px; }
.front-report .filters .field { flex: 0 1 20rem; }
.front-table th[scope="row"], .front-table thead th[rowspan] { position: sticky; left: 0; background: var(--paper); z-index: 1; }
.front-table thead th[rowspan] { background: var(--wash); }
@page front-report { size: A4 landscape; margin: 10mm; }
@media print {
  body:has(.front-report) { page: front-report; }
  .front-report table { font-size: 8pt; }
  .front-report th, .front-report td { padding: 2px 4px; white-space: normal; }
  .front-report .cards { grid-template-columns: repeat(4, 1fr); }
  .front-report .chart { max-width: 8cm; }
  .front-report .panel { break-inside: avoid-page; }
}

/* platform: the onboarding form's account fieldsets side by side on wide screens, tenants as a plain list */
.account-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); gap: 12px; }
fieldset { border: 1px solid var(--line); border-radius: var(--radius); padding: 12px; margin: 0; display: grid; gap: 12px; min-width: 0; }
legend { font-weight: 600; padding: 0 4px; }
/* map: a split's new units, one row of name, type and code each where the screen is wide */
.row-fields { grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr)); }
.tenant-list { list-style: none; margin: 0; padding: 0; }
.tenant-list li { white-space: nowrap; }

/* targets, audit: the grid's number cells sized for a count; the log scrolls in its box on a phone rather than squeeze five columns */
.target-grid th, .target-grid td { vertical-align: middle; }
.target-grid th, .target-grid .error { white-space: normal; }
.target-grid td .field { justify-items: end; }
.target-grid input { max-width: 9rem; text-align: right; }
@media (max-width: 600px) { .target-grid input { max-width: 6rem; } }
.audit-log { min-width: 48rem; }
.audit-log td { overflow-wrap: anywhere; }
/* a new API key, shown once: 47 characters with no break in them */
code.secret { overflow-wrap: anywhere; }
.audit-log .nowrap { white-space: nowrap; }
.audit-log .changes { margin: 0; padding-left: 1rem; font-size: .9rem; }

/* units, branches: breadcrumbs up the tree, compact lists of units and groups, a two-way choice */
.crumbs ol { display: flex; flex-wrap: wrap; gap: 2px 0; list-style: none; margin: 0; padding: 0; font-size: .95rem; }
.crumbs li + li::before { content: "›"; padding: 0 8px; color: var(--muted); }
ul.plain { list-style: none; margin: 0; padding: 0; }
.unit-links { columns: 16rem; column-gap: 24px; margin: 0 0 16px; padding-left: 1.25rem; }
.unit-links li { break-inside: avoid; padding: 2px 0; }
.choice { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 12px; }
.choice a { padding: 6px 12px; border: 1px solid var(--brand); border-radius: var(--radius); text-decoration: none; }
.choice a[aria-current="page"] { background: var(--brand); color: var(--brand-ink); }
.panel.tight > h2:first-child { margin-top: 0; }
table.figures thead th { white-space: normal; vertical-align: bottom; }
/* a campaign's progress: unit names wrap, so a phone sees the counts beside them */
.progress-table tbody th, .progress-table tfoot th { white-space: normal; min-width: 7rem; }
.group-form > h3 { margin: 8px 0 0; }
@media (max-width: 600px) {
  table.stacked thead { display: none; }
  table.stacked tr { display: block; border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.stacked th, table.stacked td { display: block; border: none; padding: 2px 10px; background: none; }
}

/* members: a member's sections start at their top edge; row headers (names) read as plain cells; action forms fold open */
.member-section > h2:first-child { margin-top: 0; }
.member-section > form { margin-top: 16px; }
.member-rows tbody th { background: transparent; font-weight: 400; }
details.panel > summary { cursor: pointer; font-weight: 600; }
details.panel[open] > summary { margin-bottom: 12px; }

/* map: a panel's first heading at its top; decisions and the editor's two forms side by side when wide */
.panel > h3:first-child { margin-top: 0; }
.map-decisions, .map-edit { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); align-items: start; }
.map-decisions { margin-top: 12px; }
.map-hamlets { list-style: none; margin: 0; padding: 0; }

/* ratings: a rating's state changes side by side when wide; a criterion's terms under its label in plain weight; a criteria set's rows as rows when wide */
.rating-actions { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); align-items: start; }
.rating-answers tbody th .muted { font-weight: 400; }
.criterion-row, .threshold-row { grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr)); align-items: end; }
.criterion-row > .field:nth-of-type(2) { grid-column: 1 / -1; }
@media (min-width: 900px) { .criterion-row > .field:nth-of-type(2) { grid-column: span 2; } }

/* reviews: a sheet's rows with a box to tick and a change folded away, their texts on one line when wide; compact counts on a phone */
.review-rows tbody th { font-weight: 400; background: transparent; white-space: normal; }
.check { display: flex; gap: 10px; align-items: center; min-height: 44px; cursor: pointer; font-weight: 400; }
.check input { width: 24px; height: 24px; min-height: 0; flex: none; margin: 0; }
.agree .check { align-items: flex-start; }
.review-rows summary { cursor: pointer; color: var(--brand); padding: 10px 0; margin-top: -10px; }
.review-change { display: grid; gap: 8px; margin: 4px 0 8px; min-width: 14rem; }
.badge.done { border-color: var(--ok); color: var(--ok); }
.review-counts { grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); }
.review-close { margin-top: 16px; }
@media (min-width: 601px) { .review-sheet .review-rows tbody td { padding-top: 16px; } .review-sheet .review-rows tbody th { padding-top: 6px; } }
@media (max-width: 600px) {
  .review-counts { gap: 8px; }
  .review-counts .card { padding: 8px; }
  .review-counts .value { font-size: 1.2rem; }
  .review-rows summary { margin-top: 0; padding: 8px 0; }
}
`;
