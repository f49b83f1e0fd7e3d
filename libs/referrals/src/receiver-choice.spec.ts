import { eligibleReceivers, type ReceiverCandidate } from './receiver-choice.js';

const org = (id: string, over: Partial<ReceiverCandidate> = {}): ReceiverCandidate => ({
  id,
  name: id,
  kind: 'charity',
  active: true,
  services: ['accommodation_support'],
  regions: ['north_west'],
  capacity: 10,
  openReferrals: 0,
  ...over,
});
const need = { serviceCode: 'accommodation_support', region: 'north_west', matchRegion: true };

describe('receiver choice', () => {
  it('keeps only active organisations offering the service, in the region, with room', () => {
    const all = [
      org('ok'),
      org('inactive', { active: false }),
      org('other-service', { services: ['employment'] }),
      org('elsewhere', { regions: ['london'] }),
      org('full', { capacity: 3, openReferrals: 3 }),
      org('self'),
    ];
    expect(eligibleReceivers(all, { ...need, excludeOrganisationId: 'self' }).map((o) => o.id)).toEqual(['ok']);
  });

  it('puts the least loaded first; unlimited capacity counts as empty', () => {
    const all = [
      org('half', { capacity: 10, openReferrals: 5 }),
      org('quarter', { capacity: 4, openReferrals: 1 }),
      org('unlimited', { capacity: null, openReferrals: 50 }),
      org('empty', { openReferrals: 0 }),
    ];
    expect(eligibleReceivers(all, need).map((o) => o.id)).toEqual(['empty', 'unlimited', 'quarter', 'half']);
  });

  it('ignores the region when not asked to match it or when the person has none', () => {
    const all = [org('london', { regions: ['london'] })];
    expect(eligibleReceivers(all, { ...need, matchRegion: false })).toHaveLength(1);
    expect(eligibleReceivers(all, { ...need, region: null })).toHaveLength(1);
    expect(eligibleReceivers(all, need)).toHaveLength(0);
  });
});
