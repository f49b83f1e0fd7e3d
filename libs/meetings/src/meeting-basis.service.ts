import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DATA_CATEGORIES } from '@hub/access';
import { type OrganisationRef, ReferralBasisService } from '@hub/consent';
import { OrganisationsService } from '@hub/organisations';
import type { Meeting } from './meeting.entity.js';

/**
 * The lawful basis for putting a person before an invited organisation at a meeting, per organisation,
 * read fresh each time: the same basis as a referral from the organiser to it (libs/consent's
 * ReferralBasisService): a consent of the person in force given to the invitee or its kind (to be
 * referred to it, or to share any category with it), or a sharing agreement in force to which both the
 * organiser and the invitee are party. The organiser is always covered (it put the person there).
 */
@Injectable()
export class MeetingBasisService {
  constructor(
    private readonly basis: ReferralBasisService,
    private readonly organisations: OrganisationsService,
  ) {}

  private async refs(ids: readonly string[], m?: EntityManager): Promise<Map<string, OrganisationRef>> {
    const orgs = await this.organisations.byIds([...new Set(ids)], m);
    return new Map(orgs.map((o) => [o.id, { id: o.id, kind: o.kind }]));
  }

  /** Of `organisationIds` (invitees of the meeting), those the basis does not cover for the person. */
  async uncovered(meeting: Meeting, personId: string, organisationIds: readonly string[], m?: EntityManager): Promise<string[]> {
    const refs = await this.refs([meeting.organiserOrganisationId, ...organisationIds], m);
    const sender = refs.get(meeting.organiserOrganisationId);
    const out: string[] = [];
    for (const id of organisationIds) {
      if (id === meeting.organiserOrganisationId) continue;
      const receiver = refs.get(id);
      const found = sender && receiver ? await this.basis.find({ sender, receiver, personId, sharedCategories: DATA_CATEGORIES }, m) : null;
      if (!found) out.push(id);
    }
    return out;
  }

  /** Whether the organisation may be shown the person at this meeting: the organiser, or an invitee the basis covers. */
  async covers(meeting: Meeting, personId: string, organisationId: string, m?: EntityManager): Promise<boolean> {
    if (organisationId === meeting.organiserOrganisationId) return true;
    if (!meeting.invitedOrganisationIds.includes(organisationId)) return false;
    return (await this.uncovered(meeting, personId, [organisationId], m)).length === 0;
  }
}
