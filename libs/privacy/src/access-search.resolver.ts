import { Args, Query, Resolver } from '@nestjs/graphql';
import { AuditEventConnection, type AuditEventModel, auditEventView } from '@hub/audit';
import { type Actor, type Connection, CurrentActor, mapConnection, PageArgs } from '@hub/common';
import { Permission, RequirePermission } from '@hub/access';
import { AccessSearchInput, UnusualAccessInput } from './access-search.input.js';
import { UnusualAccessModel } from './access-search.model.js';
import { AccessSearchService } from './access-search.service.js';

/** Searching the audit log across records, and the unusual-access review. */
@Resolver()
export class AccessSearchResolver {
  constructor(private readonly searches: AccessSearchService) {}

  @RequirePermission(Permission.ACCESS_SEARCH)
  @Query(() => AuditEventConnection, {
    description:
      "Who read or changed what, newest first: data protection officers (their organisation's users, and the people it works with) and hub admins (hub-wide). The search is audited. CSV: GET /privacy/access-search.csv with the same fields.",
  })
  async accessSearch(
    @CurrentActor() actor: Actor,
    @Args('input') input: AccessSearchInput,
    @Args() page: PageArgs,
  ): Promise<Connection<AuditEventModel>> {
    return mapConnection(await this.searches.search(actor, input, page), auditEventView);
  }

  @RequirePermission(Permission.ACCESS_SEARCH)
  @Query(() => [UnusualAccessModel], {
    description:
      "Users whose access in the period looks unusual (records read they were not allocated to, or whose organisation had no open involvement; reads out of hours; break-glass often), each with the events behind it: data protection officers (their organisation's users) and hub admins. Audited.",
  })
  unusualAccess(@CurrentActor() actor: Actor, @Args('input') input: UnusualAccessInput): Promise<UnusualAccessModel[]> {
    return this.searches.unusual(actor, input);
  }
}
