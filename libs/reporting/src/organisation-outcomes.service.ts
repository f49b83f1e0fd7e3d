import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessService, DataCategory } from '@hub/access';
import { type Actor, OrganisationKind } from '@hub/common';
import { namedQuery } from '@hub/database';
import { INTERVENTION_REPORTING } from '@hub/interventions';
import { OrganisationsService } from '@hub/organisations';
import { controlCount } from './disclosure-control.js';
import type { OrganisationOutcomesInput } from './report.inputs.js';
import type { OrganisationOutcomesModel, OutcomeMeasureModel } from './report.models.js';
import { ReportRunsService } from './report-runs.service.js';
import { reportRun } from './report-scope.js';

/** Kinds of organisation whose outcomes are the person's accommodation (and any that offers accommodation support, such as a housing charity). */
const HOUSING_KINDS = new Set<OrganisationKind>([OrganisationKind.HOUSING, OrganisationKind.LOCAL_AUTHORITY]);
const HOUSING_SERVICES = ['accommodation_support'];
/** Training providers, and any organisation that offers training or functional skills. */
const TRAINING_SERVICES = ['vocational_training', 'functional_skills'];

/**
 * What an organisation's outcome page counts, said in words, and the outcomes each kind of
 * organisation works for beside the ETE funnel: accommodation support for housing; courses completed
 * and the jobs its learners got (recorded by any partner) for a training provider. The jobs count only
 * people whose employment data the reader may see (the access policy compiled to SQL): a report never
 * shows more than the reader could look up one by one. Small counts are suppressed.
 */
@Injectable()
export class OrganisationOutcomesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
    private readonly runs: ReportRunsService,
  ) {}

  async outcomes(actor: Actor, input: OrganisationOutcomesInput): Promise<OrganisationOutcomesModel> {
    const { scope, threshold } = reportRun(actor, input);
    if (!scope.organisationId) {
      return {
        organisationKind: null,
        counted: 'Steps recorded by any organisation, for everyone in the hub.',
        measures: [],
        suppressionThreshold: threshold,
      };
    }
    const org = await this.organisations.get(scope.organisationId);
    const kind = org.kind;
    const counted =
      `Only steps recorded by ${org.name}: a step another partner recorded for the same person (a job start probation ` +
      `recorded, for example) is not counted in the funnel.`;
    const measure = (key: string, label: string, people: number | null, note: string | null = null): OutcomeMeasureModel => {
      if (people === null) return { key, label, people: null, suppressed: false, shown: false, note };
      const c = controlCount(people, threshold);
      return { key, label, people: c.count, suppressed: c.suppressed, shown: true, note };
    };
    const measures: OutcomeMeasureModel[] = [];
    const work = INTERVENTION_REPORTING.name;
    const period = { orgId: scope.organisationId, from: input.from, to: input.to };
    // Calendar days in Europe/London, as the funnel counts them.
    const day = (col: string) => `(${col} AT TIME ZONE 'Europe/London')::date`;
    const inPeriod = (date: string) => `${date} >= CAST(:from AS date) AND ${date} < CAST(:to AS date)`;
    if (HOUSING_KINDS.has(kind) || org.services.some((c) => HOUSING_SERVICES.includes(c))) {
      const [r] = await namedQuery<{ supported: string; completed: string }>(
        this.db,
        `SELECT count(DISTINCT w.person_id) FILTER (WHERE w.status IN ('started', 'completed')) AS supported,
                count(DISTINCT w.person_id) FILTER (WHERE w.status = 'completed') AS completed
           FROM ${work} w
          WHERE w.organisation_id = CAST(:orgId AS uuid) AND w.data_category = '${DataCategory.ACCOMMODATION}'
            AND ${inPeriod(day('w.occurred_at'))}`,
        period,
      );
      measures.push(
        measure('accommodation_supported', 'People given accommodation support (started or completed in the period)', Number(r.supported)),
        measure('accommodation_completed', 'People whose accommodation support was completed in the period', Number(r.completed)),
      );
    }
    if (kind === OrganisationKind.TRAINING_PROVIDER || org.services.some((c) => TRAINING_SERVICES.includes(c))) {
      const [r] = await namedQuery<{ qualified: string }>(
        this.db,
        `SELECT count(DISTINCT w.person_id) AS qualified FROM ${work} w
          WHERE w.organisation_id = CAST(:orgId AS uuid) AND w.qualification IS NOT NULL AND w.status = 'completed'
            AND ${inPeriod(day('w.occurred_at'))}`,
        period,
      );
      measures.push(
        measure('courses_completed', 'Learners who completed a course with a qualification in the period', Number(r.qualified)),
      );
      if (scope.organisationId === actor.organisationId) {
        // Learners: people this organisation gave training or skills work to (started or completed) on or
        // before the job's start; their job starts in the period, recorded by any partner, counted only where
        // the reader may read the job record (the access policy as SQL: its own records, or employment data
        // of a person it works with on a lawful basis), so the count never exceeds what they could look up.
        const visible = this.access.scope(actor, 'read', {
          person: 'j.person_id',
          category: 'j.data_category',
          owner: 'j.organisation_id',
        });
        const [j] = await namedQuery<{ working: string }>(
          this.db,
          `SELECT count(DISTINCT j.person_id) AS working FROM ${work} j
            WHERE j.job_start_date IS NOT NULL AND ${inPeriod('j.job_start_date')}
              AND EXISTS (SELECT 1 FROM ${work} l WHERE l.person_id = j.person_id AND l.organisation_id = CAST(:orgId AS uuid)
                            AND l.group_name IN ('training', 'skills') AND l.status IN ('started', 'completed')
                            AND ${day('l.occurred_at')} <= j.job_start_date)
              AND ${visible.where}`,
          { ...period, ...visible.parameters },
        );
        measures.push(
          measure(
            'learners_found_work',
            'Learners who started a job in the period, recorded by any partner',
            Number(j.working),
            'Counted only for learners whose employment records your organisation may see (with their consent or a sharing agreement).',
          ),
        );
      } else {
        measures.push(
          measure(
            'learners_found_work',
            'Learners who started a job in the period, recorded by any partner',
            null,
            `Shown only to ${org.name}'s own managers: it counts only learners whose employment records they may see.`,
          ),
        );
      }
    }
    await this.runs.record(actor, 'organisation_outcomes', { ...input, scope: scope.organisationId });
    return { organisationKind: kind, counted, measures, suppressionThreshold: threshold };
  }
}
