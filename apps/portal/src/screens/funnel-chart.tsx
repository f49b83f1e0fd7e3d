// The ETE funnel as a bar chart drawn in SVG, with the same numbers in a table (the chart's text
// alternative, and what a screen reader user reads). A suppressed count is shown as suppressed, never as 0.
import type { FunnelStep, ReportCell } from '../reports-api';

export const formatCount = (n: number) => n.toLocaleString('en-GB');
const percent = (x: number) => `${(x * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;

export function valueText(step: FunnelStep): string {
  return step.suppressed || step.people === null ? 'suppressed' : `${formatCount(step.people)} ${step.people === 1 ? 'person' : 'people'}`;
}

const ROW = 58;
const WIDTH = 640;
const BAR_MAX = 440;

export function FunnelChart({ steps, threshold }: { steps: FunnelStep[]; threshold: number }) {
  const max = Math.max(1, ...steps.map((s) => s.people ?? 0));
  const height = steps.length * ROW + 8;
  const summary = steps.map((s) => `${s.label}: ${valueText(s)}`).join('; ');
  return (
    <figure className="chart" aria-labelledby="funnel-caption">
      <figcaption id="funnel-caption" className="chart__caption">
        People reaching each step for the first time in the period
      </figcaption>
      <svg
        className="chart__svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="funnel-title funnel-desc"
        focusable="false"
      >
        <title id="funnel-title">ETE funnel</title>
        <desc id="funnel-desc">{summary}</desc>
        {steps.map((s, i) => {
          const y = i * ROW;
          const hidden = s.suppressed || s.people === null;
          const w = hidden ? 0 : Math.max(s.people! > 0 ? 2 : 0, Math.round((s.people! / max) * BAR_MAX));
          return (
            <g key={s.step} data-step={s.step}>
              <text x={0} y={y + 16} className="chart__label" fill="#0b0c0c" fontSize="15">
                {s.label}
              </text>
              {hidden ? (
                <>
                  <rect x={0.5} y={y + 22.5} width={60} height={23} fill="#ffffff" stroke="#505a5f" strokeDasharray="4 3" />
                  <text x={70} y={y + 39} fill="#0b0c0c" fontSize="15" fontStyle="italic">
                    suppressed (fewer than {threshold}, or hidden so a small count cannot be worked out)
                  </text>
                </>
              ) : (
                <>
                  <rect x={0} y={y + 22} width={w} height={24} fill="#1d70b8" />
                  <text x={w + 8} y={y + 39} fill="#0b0c0c" fontSize="15" fontWeight="700">
                    {formatCount(s.people!)}
                    {s.conversion !== null ? ` (${percent(s.conversion)} of the step before)` : ''}
                  </text>
                </>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function Count({ n, suppressed }: { n: number | null; suppressed: boolean }) {
  return suppressed || n === null ? <span className="tag tag--grey">Suppressed</span> : <>{formatCount(n)}</>;
}

export function FunnelTable({ steps }: { steps: FunnelStep[] }) {
  return (
    <table className="table" id="funnel-table">
      <caption className="table__caption">The funnel as a table</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">People</th>
          <th scope="col">Of the step before</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.step} data-step={s.step}>
            <th scope="row">{s.label}</th>
            <td data-label="People" data-value={s.suppressed ? 'suppressed' : String(s.people)}>
              <Count n={s.people} suppressed={s.suppressed} />
            </td>
            <td data-label="Of the step before">{s.conversion !== null ? percent(s.conversion) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BreakdownTable({ id, caption, keyLabel, cells }: { id: string; caption: string; keyLabel: string; cells: ReportCell[] }) {
  if (!cells.length) return null;
  return (
    <table className="table" id={id}>
      <caption className="table__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{keyLabel}</th>
          <th scope="col">People</th>
        </tr>
      </thead>
      <tbody>
        {cells.map((c) => (
          <tr key={c.key}>
            <th scope="row">{c.key}</th>
            <td data-label="People" data-value={c.suppressed ? 'suppressed' : String(c.count)}>
              <Count n={c.count} suppressed={c.suppressed} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
