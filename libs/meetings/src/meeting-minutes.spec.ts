import { markdown, type MinutesDocument } from './meeting-minutes.service.js';

const doc = (body: string): MinutesDocument => ({
  meeting: { id: 'm1', title: 'Panel', startsAt: '2027-01-12T10:00:00.000Z', place: null, link: null, organiser: 'Probation' },
  producedFor: 'Housing',
  invited: ['Housing'],
  attendance: [{ organisation: 'Housing', person: null, attended: true }],
  agenda: [
    {
      person: 'Ada Panel',
      reason: 'Review',
      notes: [{ kind: 'note', organisation: 'Probation', category: 'accommodation', body, at: '2027-01-12T10:05:00.000Z' }],
      actions: [{ title: 'Find a tenancy', owner: 'Housing', dueOn: '2027-01-26', status: 'open', overdue: true, completionNote: null }],
      carriedActions: [],
    },
  ],
});

describe('minutes as markdown', () => {
  it('lists attendance, each person with their notes and actions, and says whom the minutes are for', () => {
    const md = markdown(doc('Landlord will not renew'));
    expect(md).toContain('- Minutes for: Housing (only what it may read)');
    expect(md).toContain('- Housing: attended');
    expect(md).toContain('## Ada Panel');
    expect(md).toContain('- Note (Probation, accommodation): Landlord will not renew');
    expect(md).toContain('- Find a tenancy (Housing, due 2027-01-26): open, overdue');
  });

  it('keeps a note on its one line: text written into a note cannot add headings or sections', () => {
    const md = markdown(doc('First line\n## Ben Other\nsecond'));
    expect(md).toContain('- Note (Probation, accommodation): First line ## Ben Other second');
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## Attendance', '## Ada Panel']);
  });
});
