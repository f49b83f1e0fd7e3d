import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';
import { AccessExplanationModel, AuditEventConnection, AuditEventModel, auditEventView, AuditService, BreakGlassGrantConnection, BreakGlassGrantModel, SubjectAccessExportModel } from '@hub/audit';
import { type Actor, audit, type Connection, CurrentActor, type HubContext, mapConnection, PageArgs } from '@hub/common';
import { OpenBreakGlassInput, ReviewBreakGlassInput } from './break-glass.input.js';
import { BreakGlassService } from './break-glass.service.js';
import { ExplainService } from './explain.service.js';
import { LegalHoldModel, PersonErasureModel, PersonReasonInput } from './retention.model.js';
import { RetentionService } from './retention.service.js';
import { SubjectAccessService } from './subject-access.service.js';

@Resolver()
export class AuditResolver {
  constructor(
    private readonly audits: AuditService,
    private readonly breakGlass: BreakGlassService,
    private readonly explainer: ExplainService,
    private readonly subjectAccess: SubjectAccessService,
    private readonly retention: RetentionService,
  ) {}

  @Query(() => [AuditEventModel], { description: 'Who viewed or changed the record, when and why, newest first: data protection officers and the lead organisation' })
  async personAccessLog(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100, description: 'How many (at most 500)' }) first?: number,
    @Args('before', { type: () => ID, nullable: true, description: 'Events older than this event id' }) before?: string,
  ): Promise<AuditEventModel[]> {
    const events = await this.audits.accessLog(actor, personId, { first, before });
    audit(ctx, { action: 'read', personId, fields: ['Person.accessLog'] });
    return events.map(auditEventView);
  }

  @Query(() => AccessExplanationModel, { description: 'Why you can or cannot see a category (or field) of a person’s data; reveals nothing you may not see' })
  explainAccess(
    @CurrentActor() actor: Actor,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('category', { type: () => DataCategory, nullable: true }) category?: DataCategory,
    @Args('field', { nullable: true, description: 'A Person field, e.g. offenceSummary' }) field?: string,
    @Args('write', { nullable: true, description: 'Explain writing instead of reading' }) write?: boolean,
  ): Promise<AccessExplanationModel> {
    return this.explainer.explain(actor, personId, { category, field, write });
  }

  @Mutation(() => BreakGlassGrantModel, { description: 'Managers and data protection officers: open a record you could not otherwise see, for a reason, for a limited time. Flagged, reviewed, and the lead organisation is notified.' })
  openBreakGlass(@CurrentActor() actor: Actor, @Args('input') input: OpenBreakGlassInput): Promise<BreakGlassGrantModel> {
    return this.breakGlass.open(actor, input);
  }

  @Query(() => BreakGlassGrantConnection, { description: 'Break-glass grants opened by your organisation or on people it leads, newest first, for review (unreviewed ones unless includeReviewed)' })
  breakGlassGrants(@CurrentActor() actor: Actor, @Args() page: PageArgs, @Args('includeReviewed', { nullable: true }) includeReviewed?: boolean): Promise<Connection<BreakGlassGrantModel>> {
    return this.breakGlass.forReview(actor, !!includeReviewed, page);
  }

  @Query(() => AuditEventConnection, { description: 'Audit events that rested on break-glass access, by your organisation or on people it leads, newest first' })
  async breakGlassAccesses(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<Connection<AuditEventModel>> {
    return mapConnection(await this.audits.breakGlassEvents(actor, page), auditEventView);
  }

  @Mutation(() => BreakGlassGrantModel, { description: 'Data protection officers record the review of a break-glass grant' })
  reviewBreakGlass(@CurrentActor() actor: Actor, @Args('input') input: ReviewBreakGlassInput): Promise<BreakGlassGrantModel> {
    return this.breakGlass.review(actor, input);
  }

  @Mutation(() => SubjectAccessExportModel, { description: 'Data protection officers: everything held on a person across all organisations (JSON and Markdown), including the disclosure log. Audited.' })
  async subjectAccessExport(@CurrentActor() actor: Actor, @Args('personId', { type: () => ID }) personId: string): Promise<SubjectAccessExportModel> {
    const result = await this.subjectAccess.export(actor, personId);
    return { personId: result.personId, generatedAt: result.generatedAt, json: JSON.stringify(result.data), document: result.document, counts: Object.entries(result.counts).map(([section, rows]) => ({ section, rows })) };
  }

  @Mutation(() => PersonErasureModel, { description: 'Data protection officers of the lead organisation: erase a record on the person’s valid request (refused under a legal hold)' })
  erasePerson(@CurrentActor() actor: Actor, @Args('input') input: PersonReasonInput): Promise<PersonErasureModel> {
    return this.retention.erase(actor, input.personId, input.reason.trim());
  }

  @Mutation(() => LegalHoldModel, { description: 'Data protection officers: stop retention and erasure of a record' })
  placeLegalHold(@CurrentActor() actor: Actor, @Args('input') input: PersonReasonInput): Promise<LegalHoldModel> {
    return this.retention.placeHold(actor, input.personId, input.reason);
  }

  @Mutation(() => LegalHoldModel, { description: 'Data protection officers: release a legal hold' })
  releaseLegalHold(@CurrentActor() actor: Actor, @Args('holdId', { type: () => ID }) holdId: string): Promise<LegalHoldModel> {
    return this.retention.releaseHold(actor, holdId);
  }
}
