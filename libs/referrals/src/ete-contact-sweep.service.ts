import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DataCategory } from '@hub/access';
import { systemActor } from '@hub/common';
import { EventHandlerRegistry, OutboxService } from '@hub/events';
import { INTERVENTION_CONTACT } from '@hub/interventions';
import { OrganisationsService } from '@hub/organisations';
import { PERSON_LEAD, PERSON_REPORTING } from '@hub/persons';
import { EteContactLapse } from './ete-contact-lapse.entity.js';

export const ETE_SWEEP_TASK = 'referrals:ete_contact_sweep';
/** The event the sweep emits; rules on "no ETE contact in 28 days" use it as their trigger. */
export const ETE_LAPSED_EVENT = 'ete_contact.lapsed';
/** Days without an ETE contact after which a person's contact has lapsed. */
export const ETE_LAPSE_DAYS = 28;
const BATCH = 500;
const MAX_BATCHES = 20;
const DAY = 86_400_000;

interface Lapse {
  person_id: string;
  organisation_id: string;
  last_at: Date | null;
  lapse_key: string;
}

/**
 * "No ETE contact in 28 days" as a timer rather than a side effect of another event: a sweep (a queue
 * cron entry, hourly, run once per tick whatever the number of workers) finds the people led by an
 * organisation whose last ETE contact (an ETE intervention started or completed; or, with none, the
 * start of the lead involvement) is 28 days old or more, and emits `ete_contact.lapsed` once per lapse,
 * on behalf of the lead organisation. Referral rules triggered by that event then decide as usual.
 * It does nothing while no active rule listens for the event.
 */
@Injectable()
export class EteContactSweep implements OnModuleInit {
  private readonly logger = new Logger('EteContactSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: EventHandlerRegistry,
    private readonly outbox: OutboxService,
    private readonly organisations: OrganisationsService,
  ) {}

  onModuleInit(): void {
    this.registry.sweep(ETE_SWEEP_TASK, '15 * * * *', (now) => this.sweep(now));
  }

  /** Announces every lapse not yet announced as of `now`; returns how many it found. */
  async sweep(now = new Date()): Promise<number> {
    const [listening] = await this.db.query<{ yes: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM referral_rule WHERE superseded_at IS NULL AND active AND trigger_event = $1) AS yes`,
      [ETE_LAPSED_EVENT],
    );
    if (!listening.yes) return 0;
    const byId = new Map((await this.organisations.list()).map((o) => [o.id, o]));
    const cutoff = new Date(now.getTime() - ETE_LAPSE_DAYS * DAY);
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const found = await this.db.transaction(async (m) => {
        const lapses: Lapse[] = await m.query(
          `WITH people AS (SELECT * FROM ${PERSON_REPORTING.name}),
                lead AS (SELECT DISTINCT ON (l.person_id) l.person_id, l.organisation_id, l.started_at
                           FROM ${PERSON_LEAD.name} l
                          WHERE l.started_at <= $1 AND (l.ended_at IS NULL OR l.ended_at > $1)
                          ORDER BY l.person_id, l.started_at),
                ete AS (SELECT p.survivor_id AS person_id, max(c.occurred_at) AS last_at
                          FROM ${INTERVENTION_CONTACT.name} c JOIN people p ON p.id = c.person_id
                         WHERE c.data_category = $3 AND c.status IN ('started', 'completed') AND c.occurred_at <= $1
                         GROUP BY 1)
           SELECT * FROM (
             SELECT lead.person_id, lead.organisation_id, ete.last_at,
                    COALESCE(to_char(ete.last_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'never') AS lapse_key
               FROM lead LEFT JOIN ete ON ete.person_id = lead.person_id
              WHERE COALESCE(ete.last_at, lead.started_at) <= $2) lapse
            WHERE NOT EXISTS (SELECT 1 FROM ete_contact_lapse x WHERE x.person_id = lapse.person_id AND x.lapse_key = lapse.lapse_key)
            ORDER BY lapse.person_id
            LIMIT ${BATCH}`,
          [now, cutoff, DataCategory.ETE],
        );
        for (const lapse of lapses) {
          const lead = byId.get(lapse.organisation_id);
          if (!lead) continue;
          const last = lapse.last_at ? new Date(lapse.last_at) : null;
          // A sweep run by hand beside the scheduled one: whichever records the lapse first announces it.
          const fresh = await m
            .createQueryBuilder()
            .insert()
            .into(EteContactLapse)
            .values({ personId: lapse.person_id, lapseKey: lapse.lapse_key, organisationId: lead.id, lastContactAt: last })
            .orIgnore()
            .returning(['personId'])
            .execute();
          if ((fresh.raw as unknown[]).length === 0) continue;
          await this.outbox.emit(m, systemActor(lead, 'ete-contact-sweep'), {
            type: ETE_LAPSED_EVENT,
            aggregateType: 'person',
            aggregateId: lapse.person_id,
            personId: lapse.person_id,
            payload: {
              lastContactAt: last?.toISOString() ?? null,
              daysSinceContact: last ? Math.floor((now.getTime() - last.getTime()) / DAY) : null,
              dataCategory: DataCategory.ETE,
            },
          });
        }
        return lapses.length;
      });
      total += found;
      if (found < BATCH) break;
    }
    if (total) this.logger.log(`${total} people with no ETE contact in ${ETE_LAPSE_DAYS} days`);
    return total;
  }
}
