import { automaticReason, eventWords, plainReason, plainTask, purposeWords, serviceWords } from './plain-words.js';

describe('plain words for caseworkers', () => {
  it('names services and intervention types by the catalogue, other codes as words', () => {
    expect(serviceWords('accommodation_support')).toBe('accommodation support');
    expect(serviceWords('cv_cover_letter')).toBe('CV and cover letter');
    expect(serviceWords('finance_and_id')).toBe('finance and ID');
    expect(purposeWords('ETE')).toBe('education, training and employment');
  });

  it('says what happened rather than naming the event', () => {
    expect(eventWords('intervention.logged', { typeCode: 'accommodation_support' })).toBe(
      'accommodation support was logged for the person',
    );
    expect(eventWords('person.release_date_set')).toBe('the person’s release date was set');
    expect(eventWords('something.new')).not.toContain('something.new');
  });

  it('an automatic referral says it is one, on whose behalf and why; a person’s reason is left alone', () => {
    expect(automaticReason('North West Probation Region', 'accommodation_support', 'the person’s release date was set')).toBe(
      'Sent automatically by the hub on behalf of North West Probation Region (not by a person) because the person’s release date was set: North West Probation Region asked the hub to refer people in this situation for accommodation support.',
    );
    expect(plainReason('Needs a tenancy (after release)', false, 'X', 'accommodation_support')).toBe('Needs a tenancy (after release)');
    expect(plainReason('Housing -> charity (after person.release_date_set)', true, 'X', 'accommodation_support')).toContain(
      'because the person’s release date was set',
    );
  });

  it('rewrites tasks stored before the plain words: codes, SLA jargon, rule versions and ids', () => {
    expect(plainTask('Overdue referral received for finance_and_id', 'Not answered by 2026-12-01T10:00:00.000Z (service SLA)')).toEqual({
      title: 'Overdue referral received for finance and ID',
      detail: 'Not answered by 1 December 2026, 10:00 (the time the service gives to answer)',
    });
    expect(plainTask('Seek consent to be referred to Forge Skills Training for functional_skills', 'x').title).toBe(
      'Ask the person whether they agree to be referred to Forge Skills Training for functional skills',
    );
    const safeguarding = plainTask(
      'Review a referral sent without consent for safeguarding (accommodation_support)',
      "A referred the person to B for accommodation_support with no consent, on a manager's safeguarding override (user:4b7c1a2e-1111-4222-8333-944455556666): at risk",
    );
    expect(safeguarding.title).toBe('Review a referral sent without consent for safeguarding (accommodation support)');
    expect(safeguarding.detail).not.toMatch(/user:|accommodation_support|4b7c1a2e/);
  });
});
