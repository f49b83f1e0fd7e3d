import { Args, Context, Field, Int, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataCategory, Permission, RequirePermission } from '@hub/access';
import { type Actor, audit, CurrentActor, type HubContext } from '@hub/common';
import { PersonModel } from '@hub/persons';
import { CaseNoteModel, CaseNoteRevisionModel } from './case-note.model.js';
import { CorrectCaseNoteInput, WriteCaseNoteInput } from './case-note.input.js';
import { CaseNotesService } from './case-notes.service.js';

@ObjectType('CaseNotePage', { description: 'A page of case notes, newest first' })
export class CaseNotePageModel {
  @Field(() => [CaseNoteModel])
  notes: CaseNoteModel[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last' })
  next: string | null;
}

@Resolver(() => CaseNoteModel)
export class CaseNotesResolver {
  constructor(private readonly notes: CaseNotesService) {}

  @RequirePermission(Permission.CASE_NOTE_WRITE, { onObject: true })
  @Mutation(() => CaseNoteModel, { description: 'Writes a case note on a person your organisation works with' })
  writeCaseNote(@CurrentActor() actor: Actor, @Args('input') input: WriteCaseNoteInput): Promise<CaseNoteModel> {
    return this.notes.write(actor, input);
  }

  @RequirePermission(Permission.CASE_NOTE_CORRECT, { onObject: true })
  @Mutation(() => CaseNoteModel, { description: 'Corrects a case note your organisation wrote; the note as it was stays in its history' })
  correctCaseNote(@CurrentActor() actor: Actor, @Args('input') input: CorrectCaseNoteInput): Promise<CaseNoteModel> {
    return this.notes.correct(actor, input);
  }

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => [CaseNoteRevisionModel], {
    description: 'The note as it was before each correction you may read, oldest first (at most CASE_NOTE_MAX_CORRECTIONS, 50)',
  })
  async history(@Parent() note: CaseNoteModel, @CurrentActor() actor: Actor, @Context() ctx: HubContext): Promise<CaseNoteRevisionModel[]> {
    const rows = await this.notes.revisions(actor, note);
    if (rows.length)
      audit(ctx, { action: 'read', personId: note.personId, categories: rows.map((r) => r.dataCategory), fields: ['CaseNote.history'] });
    return rows;
  }
}

@Resolver(() => PersonModel)
export class PersonCaseNotesResolver {
  constructor(private readonly service: CaseNotesService) {}

  @RequirePermission(Permission.PERSON_READ)
  @ResolveField(() => CaseNotePageModel, { description: 'Case notes you may read (their category decides), newest first' })
  async caseNotes(
    @CurrentActor() actor: Actor,
    @Parent() person: PersonModel,
    @Context() ctx: HubContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: 'How many (at most 100)' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('category', { type: () => DataCategory, nullable: true }) category?: DataCategory | null,
  ): Promise<CaseNotePageModel> {
    const page = await this.service.forPerson(actor, person.id, { first, after, category });
    audit(ctx, {
      action: 'read',
      personId: person.id,
      categories: page.notes.map((n) => n.dataCategory),
      fields: ['Person.caseNotes'],
      breakGlass: person.breakGlass,
    });
    return page;
  }
}
