// Outcomes for managers, hub admins and commissioners: the ETE funnel and the reoffending analysis for
// a period, filtered by organisation (hub admins and commissioners), region and intervention type; and
// what became of the referrals sent in the period (one organisation's received or sent, or all);
// aggregates only, small counts suppressed by the hub. The filters live in the address, so a report can be bookmarked and shared.
import { type SubmitEvent, useState } from 'react';
import { useSession } from '../session-context';
import { Button, type Errors, ErrorSummary, isIsoDate, Radios, Select, TextField } from '../forms';
import {
  type Cohort,
  csvPath,
  downloadCsv,
  eteFunnel,
  organisationOutcomes,
  type OrganisationOutcomes,
  type ReferralDirection,
  type ReferralFilter,
  referralReport,
  reoffendingAnalysis,
  type ReportFilter,
  reportChoices,
} from '../reports-api';
import { reportsAcrossOrganisations } from '../roles';
import { navigate, useLocation, usePageTitle } from '../router';
import { useQuery } from '../use-query';
import { regionOptions, useRegions } from '../regions-api';
import { formatDate, options } from '../vocabulary';
import { BreakdownTable, FunnelChart, FunnelTable } from './funnel-chart';
import { ReferralReportTables } from './referral-report-table';
import { COHORTS, ReoffendingPanel } from './reoffending-panel';

const LABELS = {
  from: 'From',
  to: 'To (not included)',
  organisationId: 'Organisation',
  region: 'Region',
  interventionType: 'Intervention type',
  cohort: 'Reoffending cohort',
  direction: 'Referrals',
};

const DIRECTIONS: Record<ReferralDirection, string> = { RECEIVED: 'Referrals received', SENT: 'Referrals sent' };

interface Filters {
  from: string;
  to: string;
  organisationId: string;
  region: string;
  interventionType: string;
  cohort: Cohort;
  /** The referral report's, when it is for one organisation. */
  direction: ReferralDirection;
}

function readFilters(query: URLSearchParams): Filters {
  const year = new Date().getFullYear();
  const cohort = query.get('cohort') ?? '';
  return {
    from: query.get('from') ?? `${year}-01-01`,
    to: query.get('to') ?? `${year + 1}-01-01`,
    organisationId: query.get('organisationId') ?? '',
    region: query.get('region') ?? '',
    interventionType: query.get('interventionType') ?? '',
    cohort: (cohort in COHORTS ? cohort : 'ETE_SUPPORT') as Cohort,
    direction: query.get('direction') === 'SENT' ? 'SENT' : 'RECEIVED',
  };
}

function Download({ path, filename, children }: { path: string; filename: string; children: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <p>
      <a
        href={path}
        download={filename}
        onClick={(e) => {
          e.preventDefault();
          setError(null);
          downloadCsv(path, filename).catch((err: Error) => setError(err.message));
        }}
      >
        {children}
      </a>
      {error && (
        <span className="error-message" role="alert">
          {' '}
          {error}
        </span>
      )}
    </p>
  );
}

/** The outcomes the organisation's kind works for (accommodation for housing; courses and jobs for training), said in words. */
function OwnOutcomes({ outcomes, period }: { outcomes: OrganisationOutcomes; period: string }) {
  if (outcomes.measures.length === 0) return null;
  return (
    <section aria-labelledby="own-outcomes-heading" className="section">
      <h2 id="own-outcomes-heading">Your organisation's outcomes</h2>
      <p className="secondary-text">
        {period}. People counted once each; counts of fewer than {outcomes.suppressionThreshold} people are suppressed.
      </p>
      <table className="table" id="own-outcomes-table">
        <caption className="visually-hidden">Your organisation's outcomes</caption>
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col">People</th>
          </tr>
        </thead>
        <tbody>
          {outcomes.measures.map((m) => (
            <tr key={m.key}>
              <th scope="row">
                {m.label}
                {m.note && <div className="hint">{m.note}</div>}
              </th>
              <td>{!m.shown ? 'Not shown' : m.suppressed ? 'Suppressed' : m.people}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function Outcomes() {
  usePageTitle('Outcomes');
  const { viewer } = useSession();
  const acrossOrganisations = reportsAcrossOrganisations(viewer);
  const { query } = useLocation();
  const applied = readFilters(query);
  const [form, setForm] = useState<Filters>(applied);
  const [errors, setErrors] = useState<Errors>({});
  const choices = useQuery(() => reportChoices(acrossOrganisations), [acrossOrganisations]);
  const regions = useRegions();
  const filter: ReportFilter = {
    from: applied.from,
    to: applied.to,
    organisationId: acrossOrganisations ? applied.organisationId : undefined,
    region: applied.region,
    interventionType: applied.interventionType,
  };
  const key = JSON.stringify({ ...applied, direction: undefined });
  const report = useQuery(() => Promise.all([eteFunnel(filter), reoffendingAnalysis(filter, applied.cohort)]), [key]);
  // The referral report is for one organisation (received or sent) or for all (no direction).
  const oneOrganisation = (f: Filters) => !acrossOrganisations || Boolean(f.organisationId);
  const referralFilter: ReferralFilter = {
    from: filter.from,
    to: filter.to,
    organisationId: filter.organisationId,
    direction: oneOrganisation(applied) ? applied.direction : undefined,
  };
  const own = useQuery(
    () => organisationOutcomes(filter),
    [JSON.stringify({ from: filter.from, to: filter.to, org: filter.organisationId })],
  );
  const referrals = useQuery(() => referralReport(referralFilter), [JSON.stringify(referralFilter)]);
  const set = (patch: Partial<Filters>) => setForm((f) => ({ ...f, ...patch }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!isIsoDate(form.from.trim())) found.from = 'Enter the start of the period as year-month-day, like 2025-01-01';
    if (!isIsoDate(form.to.trim())) found.to = 'Enter the end of the period as year-month-day, like 2026-01-01';
    if (!found.from && !found.to && form.from.trim() >= form.to.trim()) found.to = 'The end of the period must be after its start';
    setErrors(found);
    if (Object.keys(found).length) return;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form) as [string, string][]) if (v.trim()) params.set(k, v.trim());
    if (!oneOrganisation(form)) params.delete('direction');
    navigate(`/outcomes?${params}`);
  }

  const scopeName = acrossOrganisations
    ? applied.organisationId
      ? (choices.data?.organisations.find((o) => o.id === applied.organisationId)?.name ?? 'One organisation')
      : 'All organisations'
    : viewer.organisation.name;
  const typeOptions = (choices.data?.interventionTypes ?? []).map((t) => ({
    value: t.code,
    label: t.name,
    group: t.groupName.charAt(0).toUpperCase() + t.groupName.slice(1),
  }));
  const [funnel, reoffending] = report.data ?? [null, null];
  const period = `${formatDate(applied.from)} to ${formatDate(applied.to)} (not included)`;
  return (
    <>
      <ErrorSummary errors={errors} labels={LABELS} />
      <span className="caption">{scopeName}</span>
      <h1>Outcomes</h1>
      <p>
        Education, training and employment outcomes, reoffending against the rate predicted by OGRS, and what became of referrals. Figures
        are totals only; counts of fewer than {funnel?.suppressionThreshold ?? 5} people are suppressed, with a second figure where needed
        so they cannot be worked out from the total.
      </p>
      <form onSubmit={submit} noValidate className="report-filters" aria-label="Report filters">
        <fieldset className="fieldset">
          <legend className="legend">Period</legend>
          <div className="report-filters__row">
            <TextField
              name="from"
              label={LABELS.from}
              hint="For example, 2025-01-01"
              value={form.from}
              onChange={(v) => set({ from: v })}
              error={errors.from}
              width="medium"
              inputMode="numeric"
            />
            <TextField
              name="to"
              label={LABELS.to}
              hint="For example, 2026-01-01"
              value={form.to}
              onChange={(v) => set({ to: v })}
              error={errors.to}
              width="medium"
              inputMode="numeric"
            />
          </div>
        </fieldset>
        {acrossOrganisations && (
          <Select
            name="organisationId"
            label={LABELS.organisationId}
            value={form.organisationId}
            onChange={(v) => set({ organisationId: v })}
            placeholder="All organisations"
            options={(choices.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
        <Select
          name="region"
          label={LABELS.region}
          hint="The person's region"
          value={form.region}
          onChange={(v) => set({ region: v })}
          placeholder="All regions"
          options={regionOptions(regions, true)}
        />
        <Select
          name="interventionType"
          label={LABELS.interventionType}
          hint="Only people who have had this intervention"
          value={form.interventionType}
          onChange={(v) => set({ interventionType: v })}
          placeholder="All interventions"
          options={typeOptions}
        />
        <Radios
          name="cohort"
          label={LABELS.cohort}
          value={form.cohort}
          onChange={(v) => set({ cohort: v as Cohort })}
          options={options(COHORTS)}
        />
        {oneOrganisation(form) && (
          <Radios
            name="direction"
            label={LABELS.direction}
            hint="For the referral report"
            value={form.direction}
            onChange={(v) => set({ direction: v as ReferralDirection })}
            options={options(DIRECTIONS)}
          />
        )}
        <Button>Show outcomes</Button>
      </form>
      {report.error && (
        <div className="error-summary" role="alert">
          <h2>The report could not be run</h2>
          <p>{report.error.message}</p>
        </div>
      )}
      {report.loading && !report.data && <p className="loading">Loading the report…</p>}
      {funnel && reoffending && (
        <>
          {own.data && <OwnOutcomes outcomes={own.data} period={period} />}
          <section aria-labelledby="funnel-heading" className="section">
            <h2 id="funnel-heading">ETE funnel</h2>
            <p className="secondary-text">{period}. Each person counts once per step, in the period they first reached it.</p>
            {own.data && <p id="funnel-counted">{own.data.counted}</p>}
            <FunnelChart steps={funnel.steps} threshold={funnel.suppressionThreshold} />
            <FunnelTable steps={funnel.steps} />
            <BreakdownTable
              id="qualifications-table"
              caption="Courses completed, by first qualification"
              keyLabel="Qualification"
              cells={funnel.steps.find((s) => s.step === 'completed_course')?.breakdown ?? []}
            />
            <BreakdownTable
              id="sectors-table"
              caption="Work found, by sector of the first job"
              keyLabel="Sector"
              cells={funnel.steps.find((s) => s.step === 'found_work')?.breakdown ?? []}
            />
            <Download path={csvPath('ete-funnel', filter)} filename="ete-funnel.csv">
              Download the funnel as CSV
            </Download>
          </section>
          <section aria-labelledby="reoffending-heading" className="section">
            <h2 id="reoffending-heading">Reoffending: {COHORTS[applied.cohort].toLowerCase()}</h2>
            <p className="secondary-text">
              People who first reached the step in the period, once their year of follow-up is over; their OGRS score at that date predicts
              the rate.
            </p>
            <ReoffendingPanel r={reoffending} />
            <Download path={csvPath('reoffending', filter, { cohort: applied.cohort.toLowerCase() })} filename="reoffending.csv">
              Download the reoffending analysis as CSV
            </Download>
          </section>
        </>
      )}
      {(report.data ?? report.error) && (
        <section aria-labelledby="referrals-heading" className="section">
          <h2 id="referrals-heading">{referrals.data?.direction ? DIRECTIONS[referrals.data.direction] : 'Referrals'}</h2>
          {referrals.error && (
            <div className="error-summary" role="alert">
              <h3>The referral report could not be run</h3>
              <p>{referrals.error.message}</p>
            </div>
          )}
          {referrals.loading && !referrals.data && <p className="loading">Loading the referral report…</p>}
          {referrals.data && (
            <>
              <p className="secondary-text">
                {period}.{' '}
                {referrals.data.direction === 'SENT'
                  ? `Referrals ${scopeName} sent in the period`
                  : referrals.data.direction === 'RECEIVED'
                    ? `Referrals ${scopeName} received that were sent in the period`
                    : 'Referrals sent in the period between all organisations'}
                , by service, and what has become of them so far. In time: answered within the service's answer time, or started within the
                start time after acceptance. Past due: still not answered, or accepted and not started, after that time, so at risk of being
                lost. Counts of fewer than {referrals.data.suppressionThreshold} referrals are suppressed.
              </p>
              <ReferralReportTables report={referrals.data} />
              <Download
                path={csvPath(
                  'referrals',
                  referralFilter,
                  referralFilter.direction ? { direction: referralFilter.direction.toLowerCase() } : {},
                )}
                filename="referrals.csv"
              >
                Download the referral report as CSV
              </Download>
            </>
          )}
        </section>
      )}
    </>
  );
}
