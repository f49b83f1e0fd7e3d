import { CATALOGUE } from '@hub/interventions';
import { isIsoDate } from './bulk-stage.js';
import { interventionStageCsv, toInterventionStageRow } from './intervention-stage-row.js';

const types = new Map(CATALOGUE.map((t) => [t.code, t]));
const base = {
  externalId: 'ACT-1',
  personExternalId: 'X-1',
  typeCode: 'cv_cover_letter',
  status: 'COMPLETED',
  occurredAt: '2025-03-04T10:30:00+01:00',
};
const check = (extra: Record<string, unknown> = {}) => toInterventionStageRow(7, { ...base, ...extra }, types);
const problems = (extra: Record<string, unknown>) => {
  const checked = check(extra);
  return 'problems' in checked ? checked.problems.join('; ') : '';
};

describe('an NDJSON intervention line, checked for the staging table', () => {
  it('shapes a valid line: the catalogue category, status in stored form, time in UTC, a fresh id', () => {
    const checked = check({ notes: 'CV "warehouse" roles' });
    expect(checked).toMatchObject({
      row: {
        line: 7,
        externalId: 'ACT-1',
        personExternalId: 'X-1',
        dataCategory: 'ete',
        status: 'completed',
        occurredAt: '2025-03-04T09:30:00.000Z',
        outcome: null,
        dueOn: null,
      },
    });
    const row = (checked as { row: Parameters<typeof interventionStageCsv>[0] }).row;
    expect(row.newId).toMatch(/^[0-9a-f-]{36}$/);
    expect(interventionStageCsv(row)).toBe(
      `"7","ACT-1","${row.newId}","cv_cover_letter","ete","completed","2025-03-04T09:30:00.000Z","CV ""warehouse"" roles",,,"X-1"\n`,
    );
  });

  it('gives a job start its outcome and the end of its 13-week sustainment window', () => {
    const checked = check({
      typeCode: 'job_start',
      job: { employer: 'Northway', sector: 'construction', hoursPerWeek: 37, startDate: '2025-04-01' },
    });
    expect(checked).toMatchObject({
      row: {
        dataCategory: 'employment',
        outcome: { kind: 'job', employer: 'Northway', hoursPerWeek: 37, startDate: '2025-04-01' },
        dueOn: '2025-07-01',
      },
    });
  });

  it('names every problem of a bad line, with the external id when it can be read', () => {
    expect(toInterventionStageRow(3, 'not an object', types)).toEqual({
      externalId: null,
      problems: expect.arrayContaining(['externalId: required, at most 200 characters']),
    });
    expect(problems({ typeCode: 'basket_weaving' })).toMatch(/typeCode: not an intervention type/);
    expect(problems({ status: 'done' })).toMatch(/status: one of planned/);
    expect(problems({ occurredAt: '2025-02-30T10:00:00Z' })).toMatch(/occurredAt/);
    expect(problems({ occurredAt: '2025-02-10T25:00:00Z' })).toMatch(/occurredAt/);
    expect(problems({ notes: 'x'.repeat(4001) })).toMatch(/notes/);
    expect(problems({ typeCode: 'job_start' })).toMatch(/job start needs/);
    expect(problems({ job: { employer: 'N', sector: 'construction', hoursPerWeek: 90, startDate: '2025-04-31' } })).toMatch(
      /job.employer.*job.hoursPerWeek.*job.startDate/,
    );
    expect(problems({ qualification: { qualification: 'CSCS Green Card' } })).toMatch(/does not record a qualification/);
    expect(problems({ typeCode: 'training_cscs', status: 'started', qualification: { qualification: 'CSCS Green Card' } })).toMatch(
      /completed course/,
    );
    expect(check({ externalId: 'ACT-9', typeCode: 'nope' })).toMatchObject({ externalId: 'ACT-9' });
  });

  it('knows calendar days', () => {
    expect(['2024-02-29', '2025-12-31', '2025-04-30'].map(isIsoDate)).toEqual([true, true, true]);
    expect(['2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '25-01-01', 20250101].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
