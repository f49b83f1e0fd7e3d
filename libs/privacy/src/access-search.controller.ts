import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type Actor, csvOf, CurrentActor } from '@hub/common';
import { Permission, RequirePermission } from '@hub/access';
import { AccessSearchInput } from './access-search.input.js';
import { AccessSearchService } from './access-search.service.js';

const COLUMNS = [
  'id',
  'occurredAt',
  'actor',
  'organisationId',
  'purpose',
  'personId',
  'action',
  'categories',
  'fields',
  'withheld',
  'breakGlass',
  'event',
];

/** The access search as a CSV file (bearer token as for GraphQL; the fields of accessSearch's input as query parameters); audited as an export. */
@Controller('privacy')
export class AccessSearchController {
  constructor(private readonly searches: AccessSearchService) {}

  @RequirePermission(Permission.ACCESS_SEARCH)
  @Get('access-search.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="access-search.csv"')
  async accessSearch(
    @CurrentActor() actor: Actor,
    @Query() query: AccessSearchInput,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const { events, truncated } = await this.searches.exportAll(actor, query);
    res.header('x-truncated', String(truncated));
    const rows = events.map((e) => [
      e.id,
      e.occurredAt.toISOString(),
      e.actor,
      e.organisationId,
      e.purpose,
      e.personId,
      e.action,
      e.categories.join(' '),
      e.fields.join(' '),
      e.withheld.join(' '),
      e.breakGlass,
      typeof e.detail?.event === 'string' ? e.detail.event : null,
    ]);
    return csvOf([COLUMNS, ...rows]);
  }
}
