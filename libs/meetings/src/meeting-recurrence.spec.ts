import { nextOccurrence } from './meeting-recurrence.js';
import { MeetingRecurrence } from './meeting-vocabulary.js';

const london = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'short' }).format(at);

describe('nextOccurrence', () => {
  it.each([
    // At 10:00 in London: before the clocks go forward (GMT) and after (BST), and back.
    ['2027-03-20T10:00:00Z', MeetingRecurrence.MONTHLY, '2027-04-20T09:00:00Z', '20/04/2027, 10:00'],
    ['2027-03-24T10:00:00Z', MeetingRecurrence.WEEKLY, '2027-03-31T09:00:00Z', '31/03/2027, 10:00'],
    ['2027-10-26T09:00:00Z', MeetingRecurrence.FORTNIGHTLY, '2027-11-09T10:00:00Z', '09/11/2027, 10:00'],
    // No clock change between: the same UTC time.
    ['2027-06-01T13:30:00Z', MeetingRecurrence.WEEKLY, '2027-06-08T13:30:00Z', '08/06/2027, 14:30'],
    // The 31st of a month: next month's last day; and across a year.
    ['2027-01-31T10:00:00Z', MeetingRecurrence.MONTHLY, '2027-02-28T10:00:00Z', '28/02/2027, 10:00'],
    ['2027-12-15T10:00:00Z', MeetingRecurrence.MONTHLY, '2028-01-15T10:00:00Z', '15/01/2028, 10:00'],
    // Late evening in London is the next day in neither zone's confusion: 23:30 BST stays 23:30.
    ['2027-07-31T22:30:00Z', MeetingRecurrence.MONTHLY, '2027-08-31T22:30:00Z', '31/08/2027, 23:30'],
  ])('from %s, %s: %s (%s in London)', (from, recurrence, expected, wall) => {
    const next = nextOccurrence(new Date(from), recurrence);
    expect(next.toISOString()).toBe(new Date(expected).toISOString());
    expect(london(next)).toBe(wall);
  });
});
