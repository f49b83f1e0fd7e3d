import { Injectable } from '@nestjs/common';
import type { Actor } from '@hub/common';
import { ConsentsService } from '@hub/consent';
import { PersonRecordsService } from '@hub/persons';
import type { TimelineEntryModel } from './intervention.model.js';
import { AppointmentsService } from './appointments.service.js';
import { InterventionsService } from './interventions.service.js';

/** The person's record in time order: interventions, appointments, contact attempts, consents and stage changes, each as the actor may see it. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly interventions: InterventionsService,
    private readonly appointments: AppointmentsService,
    private readonly consents: ConsentsService,
    private readonly records: PersonRecordsService,
  ) {}

  async forPerson(actor: Actor, personId: string, first = 100): Promise<TimelineEntryModel[]> {
    const [interventions, appointments, contacts, consents, history, catalogue] = await Promise.all([
      this.interventions.list(actor, personId, { first: Math.min(first, 200) }),
      this.appointments.forPerson(actor, personId, { first: Math.min(first, 200) }),
      this.appointments.contactsForPerson(actor, personId, Math.min(first, 200)),
      this.consents.forPerson(actor, personId),
      this.records.recentStageChanges(actor, personId, first),
      this.interventions.catalogue(true),
    ]);
    const names = new Map(catalogue.map((t) => [t.code, t.name]));
    const entries: TimelineEntryModel[] = [];
    for (const { node: i } of interventions.edges) {
      entries.push({
        at: i.occurredAt,
        kind: 'INTERVENTION',
        summary: `${names.get(i.typeCode) ?? i.typeCode} (${i.status.replace(/_/g, ' ')})`,
        organisationId: i.organisationId,
        interventionId: i.id,
        consentId: null,
      });
    }
    for (const a of appointments) {
      const outcome = a.status === 'booked' ? 'booked' : a.status.replace(/_/g, ' ');
      entries.push({
        at: a.startsAt,
        kind: 'APPOINTMENT',
        summary: `Appointment: ${names.get(a.serviceCode) ?? a.serviceCode} (${outcome})`,
        organisationId: a.organisationId,
        interventionId: null,
        consentId: null,
        appointmentId: a.id,
      });
    }
    for (const c of contacts) {
      entries.push({
        at: c.occurredAt,
        kind: 'CONTACT_ATTEMPT',
        summary: `Contact by ${c.channel}: ${c.result.replace(/_/g, ' ')} (${names.get(c.serviceCode) ?? c.serviceCode})`,
        organisationId: c.organisationId,
        interventionId: null,
        consentId: null,
        appointmentId: c.appointmentId,
      });
    }
    for (const c of consents) {
      entries.push({
        at: c.givenAt,
        kind: 'CONSENT_GRANTED',
        summary: `Consent for ${c.purpose.replace(/_/g, ' ')} (${c.categories.join(', ')})`,
        organisationId: c.recordedByOrganisationId,
        interventionId: null,
        consentId: c.id,
      });
      if (c.withdrawnAt)
        entries.push({
          at: c.withdrawnAt,
          kind: 'CONSENT_WITHDRAWN',
          summary: `Consent for ${c.purpose.replace(/_/g, ' ')} withdrawn`,
          organisationId: null,
          interventionId: null,
          consentId: c.id,
        });
    }
    for (const h of history) {
      const stage = h.changes.find((c) => c.field === 'stage');
      if (stage && !stage.withheld) {
        entries.push({
          at: h.changedAt,
          kind: 'STAGE_CHANGED',
          summary: `Stage: ${JSON.parse(stage.newValue ?? 'null') ?? 'none'}`,
          organisationId: h.organisationId,
          interventionId: null,
          consentId: null,
        });
      }
    }
    return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, first);
  }
}
