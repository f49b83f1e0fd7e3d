// The reoffending analysis: actual one-year proven reconviction against the rate OGRS predicts, the
// difference and the number it implies, as a sentence, a summary list and a small SVG chart.
import type { Reoffending } from '../reports-api';
import { formatCount } from './funnel-chart';

const pct = (x: number) => `${x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

export const COHORTS: Record<string, string> = {
  ETE_SUPPORT: 'Everyone who took up ETE support',
  FOUND_WORK: 'Those who found work',
  SUSTAINED_WORK: 'Those who sustained work 13 weeks',
};

export function headline(r: Reoffending): string {
  if (r.suppressed || r.actualRate === null || r.predictedRate === null || r.differencePoints === null || r.fewerReoffenders === null) {
    return 'Suppressed: too few people in this cohort have completed a year of follow-up to publish the figures.';
  }
  const d = r.differencePoints;
  const n = r.fewerReoffenders;
  const direction = d >= 0 ? `${pct(d).replace('%', '')} percentage points lower` : `${pct(-d).replace('%', '')} percentage points higher`;
  const implied =
    n > 0
      ? `about ${formatCount(n)} fewer ${n === 1 ? 'person' : 'people'} reoffended than predicted`
      : n < 0
        ? `about ${formatCount(-n)} more ${n === -1 ? 'person' : 'people'} reoffended than predicted`
        : 'as many people reoffended as predicted';
  return `${pct(r.actualRate)} were reconvicted within a year, against ${pct(r.predictedRate)} predicted by OGRS: ${direction}, so ${implied}.`;
}

function RateChart({ actual, predicted }: { actual: number; predicted: number }) {
  const bar = (v: number) => Math.round((Math.min(100, Math.max(0, v)) / 100) * 420);
  return (
    <svg
      className="chart__svg chart__svg--small"
      viewBox="0 0 640 96"
      role="img"
      aria-labelledby="rates-title rates-desc"
      focusable="false"
    >
      <title id="rates-title">Actual against predicted reconviction</title>
      <desc id="rates-desc">{`Actual ${pct(actual)}; predicted ${pct(predicted)}`}</desc>
      <text x={0} y={28} fill="#0b0c0c" fontSize="15">
        Actual
      </text>
      <rect x={150} y={12} width={bar(actual)} height={24} fill="#1d70b8" />
      <text x={158 + bar(actual)} y={30} fill="#0b0c0c" fontSize="15" fontWeight="700">
        {pct(actual)}
      </text>
      <text x={0} y={74} fill="#0b0c0c" fontSize="15">
        Predicted (OGRS)
      </text>
      <rect x={150} y={58} width={bar(predicted)} height={24} fill="#505a5f" />
      <text x={158 + bar(predicted)} y={76} fill="#0b0c0c" fontSize="15" fontWeight="700">
        {pct(predicted)}
      </text>
    </svg>
  );
}

function Value({ v, format }: { v: number | null; format?: (n: number) => string }) {
  return v === null ? <span className="tag tag--grey">Suppressed</span> : <>{(format ?? formatCount)(v)}</>;
}

export function ReoffendingPanel({ r }: { r: Reoffending }) {
  return (
    <div className="reoffending" id="reoffending">
      <p className="lead" id="reoffending-headline">
        {headline(r)}
      </p>
      {!r.suppressed && r.actualRate !== null && r.predictedRate !== null && (
        <figure className="chart">
          <RateChart actual={r.actualRate} predicted={r.predictedRate} />
        </figure>
      )}
      <dl className="summary-list">
        {(
          [
            ['People in the cohort (follow-up complete, OGRS known)', <Value key="size" v={r.cohortSize} />, 'size'],
            ['Actual one-year proven reconviction', <Value key="actual" v={r.actualRate} format={pct} />, 'actual'],
            ['Predicted by OGRS (mean year-1 score)', <Value key="predicted" v={r.predictedRate} format={pct} />, 'predicted'],
            [
              'Difference (predicted minus actual)',
              <Value
                key="difference"
                v={r.differencePoints}
                format={(n) => `${n.toLocaleString('en-GB', { minimumFractionDigits: 1 })} percentage points`}
              />,
              'difference',
            ],
            ['Implied: fewer people reoffending than predicted', <Value key="fewer" v={r.fewerReoffenders} />, 'fewer'],
            ['Left out: follow-up year not yet over', <Value key="pending" v={r.excludedFollowUpPending} />, 'pending'],
            ['Left out: no OGRS score at the start', <Value key="noogrs" v={r.excludedNoOgrs} />, 'no-ogrs'],
          ] as const
        ).map(([label, value, id]) => (
          <div className="summary-list__row" key={id} data-row={id}>
            <dt className="summary-list__key">{label}</dt>
            <dd className="summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
