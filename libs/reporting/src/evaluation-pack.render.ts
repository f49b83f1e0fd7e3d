import { csvOf } from '@hub/common';
import type { EvaluationPack } from './evaluation-pack.service.js';

type Cell = string | number | boolean | null;

/** The pack as one CSV: a `table` column names each table (funnel, breakdown, reoffending, region); suppressed figures are empty with suppressed=true. */
export function evaluationCsv(pack: EvaluationPack): string {
  const rows: Cell[][] = [
    [
      'table',
      'step_or_cohort',
      'key',
      'reference',
      'people',
      'conversion',
      'actual_rate',
      'predicted_rate',
      'difference_points',
      'suppressed',
    ],
  ];
  for (const s of pack.funnel.steps) {
    rows.push(['funnel', s.step, '', '', s.people, s.conversion, null, null, null, s.suppressed]);
    for (const b of s.breakdown)
      rows.push([
        s.step === 'completed_course' ? 'qualification' : 'sector',
        s.step,
        b.key,
        '',
        b.count,
        null,
        null,
        null,
        null,
        b.suppressed,
      ]);
  }
  for (const r of pack.reoffending)
    rows.push([
      'reoffending',
      r.cohort,
      '',
      r.reference,
      r.cohortSize,
      null,
      r.actualRate,
      r.predictedRate,
      r.differencePoints,
      r.suppressed,
    ]);
  for (const s of pack.regions)
    for (const c of s.regions) rows.push(['region', s.step, c.key, '', c.count, null, null, null, null, c.suppressed]);
  rows.push([]);
  rows.push(['period', pack.from, pack.to, '', null, null, null, null, null, null]);
  rows.push(['as_of', pack.asOf, '', '', null, null, null, null, null, null]);
  rows.push(['scope', pack.scope, '', '', null, null, null, null, null, null]);
  rows.push(['suppression_threshold', String(pack.threshold), '', '', null, null, null, null, null, null]);
  return csvOf(rows);
}

const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const shown = (v: number | null, suffix = ''): string =>
  v === null ? '<span class="s">suppressed</span>' : `${esc(v.toLocaleString('en-GB'))}${suffix}`;

/** Horizontal bars (inline SVG): one per row, scaled to the largest; a suppressed value is drawn as a hatched outline. */
function bars(rows: { label: string; value: number | null }[], unit = ''): string {
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  const h = 18;
  const items = rows
    .map((r, i) => {
      const y = i * (h + 4);
      const w = r.value === null ? 0 : Math.round((r.value / max) * 300);
      const bar =
        r.value === null
          ? `<rect x="200" y="${y}" width="300" height="${h}" class="sup"/>`
          : `<rect x="200" y="${y}" width="${w}" height="${h}" class="bar"/>`;
      return `<text x="195" y="${y + 13}" text-anchor="end">${esc(r.label)}</text>${bar}<text x="${205 + (r.value === null ? 300 : w)}" y="${y + 13}">${r.value === null ? 'suppressed' : esc(r.value) + unit}</text>`;
    })
    .join('');
  return `<svg role="img" width="620" height="${rows.length * (h + 4)}" xmlns="http://www.w3.org/2000/svg">${items}</svg>`;
}

/** One printable page: the funnel, reoffending (actual against predicted, both reference dates), the breakdowns, by region. */
export function evaluationHtml(pack: EvaluationPack): string {
  const funnelRows = pack.funnel.steps
    .map(
      (s) =>
        `<tr><td>${esc(s.label)}</td><td>${shown(s.people)}</td><td>${s.conversion === null ? '' : esc(Math.round(s.conversion * 1000) / 10) + '%'}</td></tr>`,
    )
    .join('');
  const reoffRows = pack.reoffending
    .map(
      (r) =>
        `<tr><td>${esc(r.cohort)}</td><td>${esc(r.reference)}</td><td>${shown(r.cohortSize)}</td><td>${shown(r.actualRate, '%')}</td><td>${shown(r.predictedRate, '%')}</td><td>${shown(r.differencePoints)}</td></tr>`,
    )
    .join('');
  const breakdown = (step: string) =>
    (pack.funnel.steps.find((s) => s.step === step)?.breakdown ?? [])
      .map((b) => `<tr><td>${esc(b.key)}</td><td>${shown(b.count)}</td></tr>`)
      .join('');
  const regionSteps = pack.regions.filter((s) => ['took_up', 'found_work', 'sustained_13_weeks'].includes(s.step));
  const regionKeys = [...new Set(regionSteps.flatMap((s) => s.regions.map((c) => c.key)))].sort();
  const regionRows = regionKeys
    .map(
      (k) =>
        `<tr><td>${esc(k)}</td>${regionSteps.map((s) => `<td>${shown(s.regions.find((c) => c.key === k)?.count ?? 0)}</td>`).join('')}</tr>`,
    )
    .join('');
  const programme = pack.reoffending.filter((r) => r.reference === 'programme_start');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ETE evaluation ${esc(pack.from)} to ${esc(pack.to)}</title>
<style>
@page { size: A4; margin: 12mm } body { font: 10px/1.3 system-ui, sans-serif; margin: 0 } h1 { font-size: 15px; margin: 0 0 4px }
h2 { font-size: 12px; margin: 8px 0 2px } .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 14px }
table { border-collapse: collapse; width: 100% } td, th { border-bottom: 1px solid #ddd; padding: 1px 4px; text-align: left }
.s { color: #777; font-style: italic } .bar { fill: #1d70b8 } .sup { fill: none; stroke: #999; stroke-dasharray: 3 2 } svg text { font-size: 10px }
.note { color: #444 }
</style></head><body>
<h1>ETE support: participation, work and reoffending, ${esc(pack.from)} to ${esc(pack.to)}</h1>
<p class="note">Scope: ${esc(pack.scope)}. Follow-up judged as at ${esc(pack.asOf)}. Counts from 1 to ${esc(pack.threshold - 1)} are suppressed, with secondary suppression. Generated ${esc(pack.generatedAt)}.</p>
<div class="cols">
<section><h2>Funnel</h2><table><tr><th>Step</th><th>People</th><th>Conversion</th></tr>${funnelRows}</table>
${bars(pack.funnel.steps.map((s) => ({ label: s.step, value: s.people })))}</section>
<section><h2>One-year proven reoffending: actual against OGRS-predicted</h2>
<table><tr><th>Cohort</th><th>Reference date</th><th>People</th><th>Actual</th><th>Predicted</th><th>Points</th></tr>${reoffRows}</table>
${bars(
  programme.flatMap((r) => [
    { label: `${r.cohort} actual`, value: r.actualRate },
    { label: `${r.cohort} predicted`, value: r.predictedRate },
  ]),
  '%',
)}
<p class="note">Reference date: step_date counts a year from the step (take-up, job start, sustained job start); programme_start from the person's first attended ETE contact.</p></section>
<section><h2>Qualifications gained (first)</h2><table><tr><th>Qualification</th><th>People</th></tr>${breakdown('completed_course')}</table></section>
<section><h2>Sector of the first job</h2><table><tr><th>Sector</th><th>People</th></tr>${breakdown('found_work')}</table></section>
<section><h2>By region</h2><table><tr><th>Region</th>${regionSteps.map((s) => `<th>${esc(s.step)}</th>`).join('')}</tr>${regionRows}</table></section>
</div></body></html>
`;
}
