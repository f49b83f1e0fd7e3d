import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { SubjectAccessExportModel } from './subject-access.model.js';
import { SubjectAccessService } from './subject-access.service.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver()
export class SubjectAccessResolver {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  @RequirePermission(Permission.SUBJECT_ACCESS_ANSWER, { onObject: true })
  @Mutation(() => SubjectAccessExportModel, {
    description:
      'Data protection officers: everything held on a person across all organisations (JSON and Markdown), including the disclosure log. Audited.',
  })
  async subjectAccessExport(
    @CurrentActor() actor: Actor,
    @Args('personId', { type: () => ID }) personId: string,
  ): Promise<SubjectAccessExportModel> {
    const result = await this.subjectAccess.export(actor, personId);
    return {
      personId: result.personId,
      generatedAt: result.generatedAt,
      json: JSON.stringify(result.data),
      document: result.document,
      counts: Object.entries(result.counts).map(([section, rows]) => ({ section, rows })),
    };
  }
}
