// The referral report as two tables with a row per service and the total last: what answer the
// referrals sent in the period had, and whether work started on those accepted (two, so the columns
// fit the page; narrower than a desktop, each row collapses to labelled figures, see styles.css). A suppressed figure
// is shown as suppressed, never as 0; a median with nothing to take it from is a dash.
import type { ReferralCount, ReferralReport, ReferralReportRow } from '../reports-api';
import { words } from '../vocabulary';
import { formatCount } from './funnel-chart';

type Median = 'medianHoursToAnswer' | 'medianHoursToStart';
type Measure = ReferralCount | Median;

const ANSWERS: [Measure, string][] = [
  ['sent', 'Sent'],
  ['accepted', 'Accepted'],
  ['declined', 'Declined'],
  ['withdrawnBeforeAnswer', 'Withdrawn before an answer'],
  ['awaitingAnswer', 'Awaiting an answer'],
  ['answeredInTime', 'Answered in time'],
  ['awaitingAnswerPastDue', 'Awaiting an answer, past due'],
  ['medianHoursToAnswer', 'Median hours to answer'],
];

const STARTS: [Measure, string][] = [
  ['accepted', 'Accepted'],
  ['started', 'Started'],
  ['startedInTime', 'Started in time'],
  ['acceptedNotStartedPastDue', 'Accepted, not started, past due'],
  ['completed', 'Completed'],
  ['withdrawnAfterAcceptance', 'Withdrawn after acceptance'],
  ['medianHoursToStart', 'Median hours to start'],
];

const isMedian = (m: Measure): m is Median => m === 'medianHoursToAnswer' || m === 'medianHoursToStart';
const hours = (h: number) => h.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** What a cell holds: a count is null only when suppressed; a median is null when suppressed or when there is nothing to take it from. */
export function cellValue(row: ReferralReportRow, m: Measure): 'suppressed' | 'none' | number {
  const v = row[m];
  if (v !== null) return v;
  return !isMedian(m) || row.suppressed.includes(m) ? 'suppressed' : 'none';
}

function Cell({ row, measure, label }: { row: ReferralReportRow; measure: Measure; label: string }) {
  const v = cellValue(row, measure);
  return (
    <td data-label={label} data-measure={measure} data-value={String(v)}>
      {v === 'suppressed' ? (
        <span className="tag tag--grey">Suppressed</span>
      ) : v === 'none' ? (
        '–'
      ) : isMedian(measure) ? (
        hours(v)
      ) : (
        formatCount(v)
      )}
    </td>
  );
}

function Table({ id, caption, columns, rows }: { id: string; caption: string; columns: [Measure, string][]; rows: ReferralReportRow[] }) {
  return (
    <table className="table table--figures" id={id}>
      <caption className="table__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          {columns.map(([m, label]) => (
            <th scope="col" key={m}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.serviceCode ?? 'total'} data-service={r.serviceCode ?? 'total'}>
            <th scope="row">{r.serviceCode === null ? 'All services (total)' : words(r.serviceCode)}</th>
            {columns.map(([m, label]) => (
              <Cell key={m} row={r} measure={m} label={label} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The report's tables, or a sentence when no referral was sent in the period. */
export function ReferralReportTables({ report }: { report: ReferralReport }) {
  if (report.total.sent === 0) return <p id="referral-report-empty">No referrals were sent in this period.</p>;
  const rows = [...report.services, report.total];
  const noun = report.direction === 'SENT' ? 'Referrals sent' : report.direction === 'RECEIVED' ? 'Referrals received' : 'Referrals';
  return (
    <>
      <Table id="referral-answers-table" caption={`${noun}: answers, by service`} columns={ANSWERS} rows={rows} />
      <Table id="referral-starts-table" caption={`${noun}: work started on those accepted, by service`} columns={STARTS} rows={rows} />
    </>
  );
}
