// Outcome reports: the GraphQL queries and the CSV download (with the user's bearer token).
import { ApiError, gql } from './api';
import { graphql } from './gql';
import type {
  EteFunnelQuery,
  OrganisationOutcomesQuery,
  ReferralDirection,
  ReferralReportQuery,
  ReferralReportRowFieldsFragment,
  ReoffendingCohort,
  ReoffendingQuery,
} from './gql/graphql';
import { getToken } from './session';

export interface ReportFilter {
  from: string;
  to: string;
  organisationId?: string;
  region?: string;
  interventionType?: string;
}

export type EteFunnel = EteFunnelQuery['eteFunnel'];
export type FunnelStep = EteFunnel['steps'][number];
export type ReportCell = FunnelStep['breakdown'][number];
export type Cohort = ReoffendingCohort;
export type Reoffending = ReoffendingQuery['reoffendingAnalysis'];

const EteFunnelDocument = graphql(`
  query EteFunnel($input: ReportFilterInput!) {
    eteFunnel(input: $input) {
      scope
      suppressionThreshold
      steps {
        step
        label
        people
        suppressed
        conversion
        breakdown {
          key
          count
          suppressed
        }
      }
    }
  }
`);

const OrganisationOutcomesDocument = graphql(`
  query OrganisationOutcomes($input: OrganisationOutcomesInput!) {
    organisationOutcomes(input: $input) {
      organisationKind
      counted
      suppressionThreshold
      measures {
        key
        label
        people
        suppressed
        shown
        note
      }
    }
  }
`);

export type OrganisationOutcomes = OrganisationOutcomesQuery['organisationOutcomes'];

/** What the funnel counts for the organisation, and the outcomes its kind works for (period and organisation only). */
export async function organisationOutcomes(filter: ReportFilter): Promise<OrganisationOutcomes> {
  const { from, to, organisationId } = filter;
  return (await gql(OrganisationOutcomesDocument, { input: clean({ from, to, organisationId }) })).organisationOutcomes;
}

const ReoffendingDocument = graphql(`
  query Reoffending($input: ReoffendingInput!) {
    reoffendingAnalysis(input: $input) {
      cohort
      cohortSize
      excludedFollowUpPending
      excludedNoOgrs
      actualRate
      predictedRate
      differencePoints
      fewerReoffenders
      suppressed
    }
  }
`);

const clean = <F extends ReportFilter | ReferralFilter>(f: F): F =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as unknown as F;

export async function eteFunnel(filter: ReportFilter): Promise<EteFunnel> {
  return (await gql(EteFunnelDocument, { input: clean(filter) })).eteFunnel;
}

export async function reoffendingAnalysis(filter: ReportFilter, cohort: Cohort): Promise<Reoffending> {
  return (await gql(ReoffendingDocument, { input: { ...clean(filter), cohort } })).reoffendingAnalysis;
}

export type { ReferralDirection };

/** The referral report's counts, in the order the table shows them; each null when suppressed. */
export const REFERRAL_COUNTS = [
  'sent',
  'accepted',
  'declined',
  'withdrawnBeforeAnswer',
  'awaitingAnswer',
  'answeredInTime',
  'awaitingAnswerPastDue',
  'started',
  'startedInTime',
  'acceptedNotStartedPastDue',
  'completed',
  'withdrawnAfterAcceptance',
] as const;

export type ReferralCount = (typeof REFERRAL_COUNTS)[number];

/** One service's referrals sent in the period (serviceCode null: the total); `suppressed` names the measures withheld. */
export type ReferralReportRow = ReferralReportRowFieldsFragment;

export type ReferralReport = ReferralReportQuery['referralReport'];

/** The filters of the referral report (it has no region or intervention type). */
export interface ReferralFilter {
  from: string;
  to: string;
  organisationId?: string;
  direction?: ReferralDirection;
}

graphql(`
  fragment ReferralReportRowFields on ReferralReportRow {
    serviceCode
    sent
    accepted
    declined
    withdrawnBeforeAnswer
    awaitingAnswer
    answeredInTime
    awaitingAnswerPastDue
    started
    startedInTime
    acceptedNotStartedPastDue
    completed
    withdrawnAfterAcceptance
    medianHoursToAnswer
    medianHoursToStart
    suppressed
  }
`);

const ReferralReportDocument = graphql(`
  query ReferralReport($input: ReferralReportInput!) {
    referralReport(input: $input) {
      from
      to
      scope
      direction
      suppressionThreshold
      total {
        ...ReferralReportRowFields
      }
      services {
        ...ReferralReportRowFields
      }
    }
  }
`);

export async function referralReport(filter: ReferralFilter): Promise<ReferralReport> {
  return (await gql(ReferralReportDocument, { input: clean(filter) })).referralReport;
}

const ReportChoicesDocument = graphql(`
  query ReportChoices($withOrganisations: Boolean!) {
    interventionTypes {
      code
      name
      groupName
    }
    organisations @include(if: $withOrganisations) {
      id
      name
    }
  }
`);

export interface Choices {
  organisations: { id: string; name: string }[];
  interventionTypes: { code: string; name: string; groupName: string }[];
}

export async function reportChoices(withOrganisations: boolean): Promise<Choices> {
  const data = await gql(ReportChoicesDocument, { withOrganisations });
  return { organisations: data.organisations ?? [], interventionTypes: data.interventionTypes };
}

/** The address of a report's CSV file for these filters. */
export function csvPath(
  report: 'ete-funnel' | 'reoffending' | 'referrals',
  filter: ReportFilter | ReferralFilter,
  extra: Record<string, string> = {},
): string {
  return `/reports/${report}.csv?${new URLSearchParams({ ...(clean(filter) as unknown as Record<string, string>), ...extra })}`;
}

/** Fetches the CSV with the bearer token and hands it to the browser as a download. */
export async function downloadCsv(path: string, filename: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { authorization: `Bearer ${getToken() ?? ''}`, accept: 'text/csv' } });
  } catch {
    throw new ApiError('The hub could not be reached. Check your connection and try again.', 'NETWORK');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string; error?: string };
    throw new ApiError(body.message ?? `The report could not be downloaded (${res.status}).`, body.error ?? 'INTERNAL_SERVER_ERROR');
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
