import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { systemActor } from '@hub/common';
import { CONSENT_UNRENEWED } from '@hub/consent';
import { EventHandlerRegistry } from '@hub/events';
import { OrganisationsService } from '@hub/organisations';
import { TaskKind } from './referral-vocabulary.js';
import { TasksService } from './tasks.service.js';

export const CONSENT_RENEWAL_TASK = 'referrals:consent_renewal_sweep';
/** How many days before a consent expires its renewal is asked for. */
export const CONSENT_RENEWAL_DAYS = 14;
const BATCH = 500;
const MAX_BATCHES = 20;
const DAY = 86_400_000;

interface Expiring {
  id: string;
  person_id: string;
  purpose: string;
  organisation_id: string | null;
  organisation_kind: string | null;
  recorded_by_organisation_id: string;
  expires_at: Date;
}

/** Who a consent lets data go to, as its renewal key names them. */
const recipientKey = (c: { organisationId?: string | null; organisationKind?: string | null }) =>
  c.organisationId ? `org=${c.organisationId}` : `kind=${c.organisationKind}`;

/** The key of a consent's renewal task: a new consent of the same person, purpose and recipient closes it by its prefix. */
export const renewalKey = (
  c: { personId: string; purpose: string; organisationId?: string | null; organisationKind?: string | null },
  consentId?: string,
) => `consent-renewal:${c.personId}:${c.purpose}:${recipientKey(c)}:${consentId ?? ''}`;

const londonDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * A consent that runs out stops the sharing it allowed, often without anyone noticing until a partner
 * finds the record closed to it. A sweep (a queue cron entry, hourly, once per tick whatever the
 * number of workers) raises a task for the caseworkers of the organisation that recorded each consent
 * in force that expires within 14 days: renew it with the person. The task is raised once per consent;
 * a new consent of the same person, purpose and recipient, or the consent's withdrawal, closes it.
 */
@Injectable()
export class ConsentRenewalSweep implements OnModuleInit {
  private readonly logger = new Logger('ConsentRenewalSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: EventHandlerRegistry,
    private readonly tasks: TasksService,
    private readonly organisations: OrganisationsService,
  ) {}

  onModuleInit(): void {
    this.registry.sweep(CONSENT_RENEWAL_TASK, '40 * * * *', (now) => this.sweep(now));
    this.registry.onEvent('referrals.consent_renewal', ['consent.granted', 'consent.withdrawn'], async (m, e) => {
      const payload = e.payload as { purpose: string; organisationId?: string | null; organisationKind?: string | null };
      if (!e.personId) return;
      if (e.type === 'consent.granted') {
        // A new consent renews the others of its person, purpose and recipient; never itself (its own event may be handled after a sweep asked for its renewal).
        const key = renewalKey({ personId: e.personId, ...payload });
        await this.tasks.closeBySourceWithin(m, key, `system:${e.type}`, { except: `${key}${e.aggregateId}` });
      } else {
        await this.tasks.closeBySourceWithin(m, `consent-renewal:${e.personId}:${payload.purpose}:`, `system:${e.type}`, {
          suffix: `:${e.aggregateId}`,
        });
      }
    });
  }

  /** Raises the renewal tasks due as of `now`; returns how many it raised. */
  async sweep(now = new Date()): Promise<number> {
    const byId = new Map((await this.organisations.list()).map((o) => [o.id, o]));
    const until = new Date(now.getTime() + CONSENT_RENEWAL_DAYS * DAY);
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const raised = await this.db.transaction(async (m) => {
        const due: Expiring[] = await m.query(
          `SELECT e.* FROM ${CONSENT_UNRENEWED.name} e
            WHERE e.expires_at > $1::timestamptz AND e.expires_at <= $2::timestamptz
              AND NOT EXISTS (SELECT 1 FROM task t WHERE t.source_key = 'consent-renewal:' || e.person_id || ':' || e.purpose || ':' ||
                                CASE WHEN e.organisation_id IS NOT NULL THEN 'org=' || e.organisation_id ELSE 'kind=' || e.organisation_kind END || ':' || e.id)
            ORDER BY e.expires_at, e.id LIMIT $3`,
          [now.toISOString(), until.toISOString(), BATCH],
        );
        for (const c of due) {
          const recorder = byId.get(c.recorded_by_organisation_id);
          if (!recorder) continue;
          const recipient = c.organisation_id
            ? (byId.get(c.organisation_id)?.name ?? 'an organisation')
            : `every ${String(c.organisation_kind).replace(/_/g, ' ')}`;
          const purpose = c.purpose === 'ete' ? 'ETE' : c.purpose.replace(/_/g, ' ');
          const ends = londonDay.format(c.expires_at);
          await this.tasks.raiseWithin(m, systemActor(recorder, 'consent-renewal', 'casework'), {
            organisationId: recorder.id,
            forRole: 'caseworker',
            personId: c.person_id,
            kind: TaskKind.CONSENT_EXPIRING,
            title: `Consent for ${purpose} ends on ${ends}`,
            detail: `The consent your organisation recorded to share data with ${recipient} for ${purpose} ends on ${ends}. Ask the person whether to renew it (record a new consent); otherwise the sharing it allows stops then.`,
            dueAt: c.expires_at,
            sourceKey: renewalKey(
              { personId: c.person_id, purpose: c.purpose, organisationId: c.organisation_id, organisationKind: c.organisation_kind },
              c.id,
            ),
          });
        }
        return due.length;
      });
      total += raised;
      if (raised < BATCH) break;
    }
    if (total) this.logger.log(`asked for the renewal of ${total} consent(s) expiring by ${until.toISOString()}`);
    return total;
  }
}
