export interface ReceiverCandidate {
  id: string;
  name: string;
  kind: string;
  active: boolean;
  services: string[];
  regions: string[];
  capacity: number | null;
  /** Referrals to it now open (sent, accepted, in progress). */
  openReferrals: number;
}

export interface ReceiverNeed {
  serviceCode: string;
  /** The person's region; with matchRegion, the receiver must cover it (a person without one matches any). */
  region: string | null;
  matchRegion: boolean;
  /** Never refer to oneself. */
  excludeOrganisationId?: string;
}

/**
 * The organisations that may receive a referral, best first: active, offering the service, covering
 * the region, with room (open referrals below capacity); least loaded first (by share of capacity,
 * then by count), then by name for a stable order.
 */
export function eligibleReceivers(candidates: readonly ReceiverCandidate[], need: ReceiverNeed): ReceiverCandidate[] {
  const load = (c: ReceiverCandidate) => (c.capacity ? c.openReferrals / c.capacity : 0);
  return candidates
    .filter((c) => c.active && c.id !== need.excludeOrganisationId)
    .filter((c) => c.services.includes(need.serviceCode))
    .filter((c) => !need.matchRegion || !need.region || c.regions.includes(need.region))
    .filter((c) => c.capacity === null || c.openReferrals < c.capacity)
    .sort((a, b) => load(a) - load(b) || a.openReferrals - b.openReferrals || a.name.localeCompare(b.name));
}
