import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { systemActor } from '@hub/common';
import { EventHandlerRegistry } from '@hub/events';
import { OrganisationsService } from '@hub/organisations';
import { CaseAccessService } from '@hub/persons';
import { TaskKind } from './referral-vocabulary.js';
import { TasksService } from './tasks.service.js';

const ALLOCATE = (personId: string, organisationId: string) => `allocate-case:${personId}:${organisationId}`;
const REVIEW = (restrictionId: string, reviewOn: string) => `restriction-review:${restrictionId}:${reviewOn}`;
const REVIEW_BATCH = 200;

/**
 * Tasks about who works on a case inside an organisation: a case transferred to an organisation as its
 * new lead asks its managers to allocate it (closed once they do); a restriction whose review date has
 * come asks the managers of the organisation that placed it to keep or lift it.
 */
@Injectable()
export class CaseTasksService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: EventHandlerRegistry,
    private readonly tasks: TasksService,
    private readonly organisations: OrganisationsService,
    private readonly cases: CaseAccessService,
  ) {}

  onModuleInit(): void {
    this.registry.onEvent('referrals.case_allocation', ['person.involvement_added', 'person.allocated'], async (m, e) => {
      if (!e.personId) return;
      if (e.type === 'person.allocated') {
        if (e.organisationId) await this.tasks.closeBySourceWithin(m, ALLOCATE(e.personId, e.organisationId), `system:${e.type}`);
        return;
      }
      const payload = e.payload as { organisationId: string; role: string };
      // A new lead that is not the organisation adding itself (a creation allocates to its creator).
      if (payload.role !== 'lead' || payload.organisationId === e.organisationId) return;
      const [receiver] = await this.organisations.byIds([payload.organisationId], m);
      if (!receiver) return;
      await this.tasks.raiseWithin(m, systemActor(receiver, 'case-allocation', 'casework'), {
        organisationId: receiver.id,
        forRole: 'manager',
        personId: e.personId,
        kind: TaskKind.ALLOCATE_CASE,
        title: 'Allocate a case transferred to you',
        detail: 'Your organisation is now this person’s lead. Allocate the case to a caseworker (and team) of yours.',
        sourceKey: ALLOCATE(e.personId, receiver.id),
      });
    });
    this.registry.sweep('referrals:restriction_reviews', '15 6 * * *', (now) => this.reviewSweep(now));
  }

  /** Raises a review task for each restriction or exclusion in force whose review date has come (once per date). */
  async reviewSweep(now = new Date()): Promise<number> {
    const today = now.toISOString().slice(0, 10);
    return this.db.transaction(async (m) => {
      const due = await this.cases.dueForReview(today, REVIEW_BATCH, m);
      const byId = new Map((await this.organisations.byIds([...new Set(due.map((r) => r.organisationId))], m)).map((o) => [o.id, o]));
      let raised = 0;
      for (const r of due) {
        const org = byId.get(r.organisationId);
        if (!org) continue;
        const task = await this.tasks.raiseWithin(m, systemActor(org, 'restriction-review', 'casework'), {
          organisationId: org.id,
          forRole: 'manager',
          personId: r.personId,
          kind: TaskKind.RESTRICTION_REVIEW,
          title: `Review the ${r.kind} placed on ${r.placedAt.toISOString().slice(0, 10)}`,
          detail: `Its review date (${r.reviewOn}) has come: lift it, or place a new one with a new review date and lift this one.`,
          dueAt: new Date(`${r.reviewOn}T00:00:00Z`),
          sourceKey: REVIEW(r.id, r.reviewOn),
        });
        if (task) raised++;
      }
      return raised;
    });
  }
}
