import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { Field, GraphQLSchemaBuilderModule, GraphQLSchemaFactory, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { execute, type GraphQLObjectType, type GraphQLSchema, parse } from 'graphql';
import { dropPropertyResolvers, isPlainPropertyResolver } from './property-resolvers.js';

@ObjectType()
class Sample {
  @Field()
  plain: string;

  @Field({ name: 'renamed' })
  stored: string;

  @Field({ defaultValue: 'fallback' })
  withDefault: string;

  @Field({ nullable: true })
  absent?: string;
}

@Resolver(() => Sample)
class SampleResolver {
  @Query(() => [Sample])
  samples(): Sample[] {
    return [];
  }
}

/** The schema Nest builds from code-first classes, as the hub's is built. */
async function nestSchema(): Promise<GraphQLSchema> {
  const moduleRef = await Test.createTestingModule({ imports: [GraphQLSchemaBuilderModule] }).compile();
  return moduleRef.get(GraphQLSchemaFactory).create([SampleResolver]);
}

const QUERY = parse('{ samples { plain renamed withDefault absent } }');
const ROWS = [
  { plain: 'a', stored: 's', withDefault: undefined, absent: undefined },
  { plain: 'b', stored: 't', withDefault: 'given', absent: 'here' },
];

describe('dropPropertyResolvers', () => {
  it('takes off only the resolvers that read the property of the field’s own name with no default', async () => {
    const schema = await nestSchema();
    const fields = (schema.getType('Sample') as GraphQLObjectType).getFields();
    // Nest gives every code-first field a resolver; each is recognised for what it does.
    expect(Object.values(fields).every((f) => typeof f.resolve === 'function')).toBe(true);
    expect(isPlainPropertyResolver(fields.plain.resolve, 'plain')).toBe(true);
    expect(isPlainPropertyResolver(fields.absent.resolve, 'absent')).toBe(true);
    expect(isPlainPropertyResolver(fields.renamed.resolve, 'renamed')).toBe(false);
    expect(isPlainPropertyResolver(fields.withDefault.resolve, 'withDefault')).toBe(false);
    expect(isPlainPropertyResolver(() => undefined, 'plain')).toBe(false);

    expect(dropPropertyResolvers(schema)).toBe(2);
    expect(fields.plain.resolve).toBeUndefined();
    expect(fields.absent.resolve).toBeUndefined();
    expect(typeof fields.renamed.resolve).toBe('function');
    expect(typeof fields.withDefault.resolve).toBe('function');
  });

  it('leaves every answer as it was', async () => {
    const before = await execute({ schema: await nestSchema(), document: QUERY, rootValue: { samples: ROWS } });
    const dropped = await nestSchema();
    dropPropertyResolvers(dropped);
    const after = await execute({ schema: dropped, document: QUERY, rootValue: { samples: ROWS } });
    expect(before.errors).toBeUndefined();
    expect(after).toEqual(before);
    expect(after.data).toEqual({
      samples: [
        { plain: 'a', renamed: 's', withDefault: 'fallback', absent: null },
        { plain: 'b', renamed: 't', withDefault: 'given', absent: 'here' },
      ],
    });
  });
});
