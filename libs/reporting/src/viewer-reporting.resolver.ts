import { Field, ObjectType, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { ViewerModel } from '@hub/organisations';
import { reportAccess } from './report-scope.js';

@ObjectType('ReportAccess', { description: 'The reports the viewer may run (aggregates only)' })
export class ReportAccessModel {
  @Field({ description: 'True for hub admins and commissioners: every organisation, or any one; false: your own organisation only' })
  acrossOrganisations: boolean;
}

/** What the viewer may report on, as a field of Viewer, so that a client shows only the reports it may run. */
@Resolver(() => ViewerModel)
export class ViewerReportingResolver {
  @ResolveField(() => ReportAccessModel, { nullable: true, description: 'The reports you may run; null when you may run none' })
  reportAccess(@CurrentActor() actor: Actor): ReportAccessModel | null {
    return reportAccess(actor);
  }
}
