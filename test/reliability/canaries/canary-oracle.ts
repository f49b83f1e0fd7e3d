/**
 * Who may see each marker, decided by the test itself from the sharing facts in the database
 * (involvements, open referrals, consents and agreements in force, break-glass grants), written out
 * here from the access rules as the README states them, not taken from the hub's code:
 * - nobody whose role (or client scopes) reads no person data; employers never see more than identity and employment;
 * - an organisation sees what it wrote; others need a relationship (active involvement or open referral)
 *   and, beyond identity, a consent or agreement in force for the category; a break-glass grant in force
 *   stands in for both, for the user who holds it;
 * - consents: those given to the organisation or its kind, those it recorded, all of them for the lead;
 * - referrals (reason, decline reason): sender and receiver, never the receiver of a draft;
 * - break-glass reasons: managers and data protection officers of the opening organisation or the lead;
 * - a subject access export (data protection officers who may know the person) holds everything on that person.
 */
import type pg from 'pg';
import type { ActorInfo, Marker } from './canary-world.js';

const CATEGORIES = [
  'identity',
  'offending',
  'risk',
  'health',
  'substance_misuse',
  'ete',
  'employment',
  'accommodation',
  'finance',
  'family',
];
const READER_ROLES = ['caseworker', 'manager', 'data_protection_officer'];
const READER_SCOPES = ['people:read', 'people:write', 'sync'];

export interface Facts {
  related: Set<string>; // `${orgId}|${personId}`
  lead: Set<string>;
  consents: {
    id: string;
    personId: string;
    orgId: string | null;
    orgKind: string | null;
    recordedBy: string;
    categories: string[];
    inForce: boolean;
  }[];
  agreements: { orgIds: string[]; kinds: string[]; categories: string[] }[];
  grants: { id: string; actor: string; personId: string; orgId: string }[];
  referrals: Map<string, { from: string; to: string; state: string; personId: string }>;
}

export async function loadFacts(pool: pg.Pool): Promise<Facts> {
  const q = async <T>(sql: string) => (await pool.query(sql)).rows as T[];
  const active = `started_at <= now() AND (ended_at IS NULL OR ended_at > now())`;
  const inv = await q<{ organisation_id: string; person_id: string; role: string }>(
    `SELECT organisation_id, person_id, role FROM involvement WHERE ${active}`,
  );
  const open = await q<{ to_organisation_id: string; person_id: string }>(
    `SELECT to_organisation_id, person_id FROM referral WHERE state IN ('sent', 'accepted', 'in_progress')`,
  );
  const consents = await q<{
    id: string;
    person_id: string;
    organisation_id: string | null;
    organisation_kind: string | null;
    recorded_by_organisation_id: string;
    categories: string[];
    in_force: boolean;
  }>(
    `SELECT id, person_id, organisation_id, organisation_kind, recorded_by_organisation_id, categories,
            (withdrawn_at IS NULL AND given_at <= now() AND (expires_at IS NULL OR expires_at > now())) AS in_force FROM consent`,
  );
  const agreements = await q<{ party_organisation_ids: string[]; party_kinds: string[]; categories: string[] }>(
    `SELECT party_organisation_ids, party_kinds, categories FROM sharing_agreement WHERE valid_from <= now() AND (valid_to IS NULL OR valid_to > now())`,
  );
  const grants = await q<{ id: string; actor: string; person_id: string; organisation_id: string }>(
    `SELECT id, actor, person_id, organisation_id FROM break_glass_grant WHERE opened_at <= now() AND expires_at > now()`,
  );
  const referrals = await q<{ id: string; from_organisation_id: string; to_organisation_id: string; state: string; person_id: string }>(
    `SELECT id, from_organisation_id, to_organisation_id, state, person_id FROM referral`,
  );
  return {
    related: new Set([
      ...inv.map((r) => `${r.organisation_id}|${r.person_id}`),
      ...open.map((r) => `${r.to_organisation_id}|${r.person_id}`),
    ]),
    lead: new Set(inv.filter((r) => r.role === 'lead').map((r) => `${r.organisation_id}|${r.person_id}`)),
    consents: consents.map((c) => ({
      id: c.id,
      personId: c.person_id,
      orgId: c.organisation_id,
      orgKind: c.organisation_kind,
      recordedBy: c.recorded_by_organisation_id,
      categories: c.categories,
      inForce: c.in_force,
    })),
    agreements: agreements.map((a) => ({ orgIds: a.party_organisation_ids, kinds: a.party_kinds, categories: a.categories })),
    grants: grants.map((g) => ({ id: g.id, actor: g.actor, personId: g.person_id, orgId: g.organisation_id })),
    referrals: new Map(
      referrals.map((r) => [r.id, { from: r.from_organisation_id, to: r.to_organisation_id, state: r.state, personId: r.person_id }]),
    ),
  };
}

export function ceiling(actor: ActorInfo): string[] {
  const reads =
    actor.kind === 'user'
      ? actor.roles.some((r) => READER_ROLES.includes(r))
      : actor.kind === 'client' && actor.scopes.some((s) => READER_SCOPES.includes(s));
  if (!reads) return [];
  return actor.orgKind === 'employer' ? ['identity', 'employment'] : CATEGORIES;
}

/** The person-data rule: may the actor read data of `category` about the person, written by `owner` (null: the shared record)? */
export function mayRead(f: Facts, actor: ActorInfo, personId: string, category: string, owner: string | null): boolean {
  const allowed = ceiling(actor);
  if (!allowed.length || !actor.orgId) return false;
  if (owner && owner === actor.orgId) return true;
  if (!allowed.includes(category)) return false;
  const glass = actor.kind === 'user' && f.grants.some((g) => g.actor === actor.ref && g.personId === personId);
  if (!f.related.has(`${actor.orgId}|${personId}`)) return glass;
  if (category === 'identity') return true;
  const consented = f.consents.some(
    (c) =>
      c.inForce && c.personId === personId && (c.orgId === actor.orgId || c.orgKind === actor.orgKind) && c.categories.includes(category),
  );
  const agreed = f.agreements.some(
    (a) => (a.orgIds.includes(actor.orgId!) || a.kinds.includes(actor.orgKind!)) && a.categories.includes(category),
  );
  return consented || agreed || glass;
}

export function mayKnowPerson(f: Facts, actor: ActorInfo, personId: string): boolean {
  return mayRead(f, actor, personId, 'identity', null);
}

export function maySeeConsent(f: Facts, actor: ActorInfo, consentId: string): boolean {
  const c = f.consents.find((x) => x.id === consentId)!;
  if (!mayKnowPerson(f, actor, c.personId)) return false;
  return (
    f.lead.has(`${actor.orgId}|${c.personId}`) || c.orgId === actor.orgId || c.orgKind === actor.orgKind || c.recordedBy === actor.orgId
  );
}

export function maySeeReferral(f: Facts, actor: ActorInfo, referralId: string): boolean {
  const r = f.referrals.get(referralId)!;
  if (!ceiling(actor).length && !actor.scopes.includes('referrals:write')) return false;
  return r.from === actor.orgId || (r.to === actor.orgId && r.state !== 'draft');
}

export function maySeeGrant(f: Facts, actor: ActorInfo, grantId: string, personId: string): boolean {
  if (actor.kind !== 'user' || !actor.roles.some((r) => r === 'manager' || r === 'data_protection_officer')) return false;
  const g = f.grants.find((x) => x.id === grantId);
  return (!!g && g.orgId === actor.orgId) || f.lead.has(`${actor.orgId}|${personId}`);
}

export function maySee(f: Facts, actor: ActorInfo, m: Marker): boolean {
  switch (m.carrier) {
    case 'field':
      // History shows an organisation the values it wrote itself.
      return mayRead(f, actor, m.personId, m.category, null) || (m.owner === actor.orgId && mayKnowPerson(f, actor, m.personId));
    case 'intervention':
      return mayRead(f, actor, m.personId, m.category, m.owner);
    case 'reason':
      return mayKnowPerson(f, actor, m.personId);
    case 'consent':
      return maySeeConsent(f, actor, m.objectId!);
    case 'referral':
      return maySeeReferral(f, actor, m.objectId!);
    case 'breakGlass':
      return maySeeGrant(f, actor, m.objectId!, m.personId);
  }
}

/** Strings hidden in base64 (cursors, ids) are searched too. */
function haystack(text: string): string {
  let out = text;
  for (const token of text.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []) {
    const decoded = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    if (/^[\x20-\x7e]+$/.test(decoded)) out += `\n${decoded}`;
  }
  return out.toLowerCase();
}

export interface Leak {
  actor: string;
  operation: string;
  marker: string;
  what: string;
}

/**
 * Markers in `text` the actor may not see. `extra` allows more (a subject access export: the person's
 * whole record); `nothing` allows none (logs, which no organisation should find person data in).
 */
export function leaks(
  f: Facts,
  markers: Marker[],
  actor: ActorInfo,
  operation: string,
  text: string,
  extra?: (m: Marker) => boolean,
): Leak[] {
  const hay = haystack(text);
  const found: Leak[] = [];
  for (const m of markers) {
    if (!hay.includes(m.value.toLowerCase())) continue;
    if (maySee(f, actor, m) || extra?.(m)) continue;
    found.push({ actor: actor.label, operation, marker: m.value, what: m.what });
  }
  return found;
}
