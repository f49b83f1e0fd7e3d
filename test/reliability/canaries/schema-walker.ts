/**
 * Operations built from the hub's own schema (introspection), so a new root field is covered without
 * touching the test: every root query field with every candidate for its id arguments and each value
 * of its other arguments in turn, selecting every field reachable within a depth; and every mutation
 * that names a person-data object by id, aimed at objects the caller must not see.
 */
import {
  buildClientSchema,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

export interface Operation {
  /** Root field and the arguments, for messages. */
  label: string;
  field: string;
  query: string;
  variables: Record<string, unknown>;
  /** The person a subject access export is about (allowed to hold everything on that person). */
  exportOf?: string;
  /** A mutation aimed at something the caller must not see: it must fail. */
  mustFail?: boolean;
}

/** Ids to try, by what they name. */
export interface Pools {
  person: string[];
  referral: string[];
  organisation: string[];
  rule: string[];
  endpoint: string[];
  consent: string[];
  intervention: string[];
  grant: string[];
  task: string[];
  sustainment: string[];
}

export interface WalkOptions {
  /** Levels of fields selected below a root field. */
  depth: number;
  searchTerms: string[];
  /** Fewer variants (the short form). */
  short: boolean;
}

/**
 * Root query fields not walked, and why. Everything else in the schema is.
 * (None today: add a field here only with the reason.)
 */
export const EXCLUDED_QUERIES: Record<string, string> = {};

/**
 * Mutations not probed, and why: they are designed to act on records the caller cannot otherwise see,
 * or name no person data.
 */
export const EXCLUDED_MUTATIONS: Record<string, string> = {
  openBreakGlass: 'opens a record the caller cannot see by design (a grant is part of the canary world instead)',
};

/** Which pool an id argument draws from: by its name, or for `id` by the type the field returns. */
function poolFor(argName: string, returnType: string): keyof Pools | null {
  const byName: Record<string, keyof Pools> = {
    personId: 'person',
    survivorId: 'person',
    duplicateId: 'person',
    organisationId: 'organisation',
    ruleId: 'rule',
    endpointId: 'endpoint',
    consentId: 'consent',
    referralId: 'referral',
    interventionId: 'intervention',
    grantId: 'grant',
    sustainmentId: 'sustainment',
  };
  if (byName[argName]) return byName[argName];
  if (argName !== 'id') return null;
  const byType: Record<string, keyof Pools> = {
    Person: 'person',
    Referral: 'referral',
    Organisation: 'organisation',
    Intervention: 'intervention',
    Task: 'task',
    Consent: 'consent',
  };
  return byType[returnType] ?? null;
}

const typeName = (t: GraphQLInputType): string => String(t);

/** Every field of a type reachable within `depth` levels, never entering a type already on the path. */
function selection(type: GraphQLNamedType, depth: number, path: string[]): string | null {
  if (isLeafType(type)) return '';
  if (depth === 0 || path.includes(type.name)) return null;
  if (isUnionType(type) || isInterfaceType(type)) {
    const parts = (isUnionType(type) ? type.getTypes() : []).map((t) => {
      const sub = selection(t, depth, path);
      return sub ? `... on ${t.name} { ${sub} }` : '';
    });
    return ['__typename', ...parts].join(' ');
  }
  if (!isObjectType(type)) return null;
  const parts: string[] = [];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const first = f.args.find((a) => a.name === 'first') ? '(first: 100)' : '';
    const named = getNamedType(f.type);
    const sub = selection(named, depth - 1, [...path, type.name]);
    if (sub === null) continue;
    parts.push(sub ? `${f.name}${first} { ${sub} }` : `${f.name}${first}`);
  }
  return parts.length ? parts.join(' ') : null;
}

/** A value for a required input field, from its name and type (enough to pass validation where it can). */
function fill(type: GraphQLInputType, name: string, target: string): unknown {
  const t = isNonNullType(type) ? type.ofType : type;
  if (isListType(t)) return [];
  if (isInputObjectType(t)) return fillObject(t, target);
  if (isEnumType(t)) return t.getValues()[0].name;
  const scalar = getNamedType(t).name;
  if (scalar === 'ID') return target;
  if (scalar === 'Int') return 1;
  if (scalar === 'Float') return 1;
  if (scalar === 'Boolean') return true;
  if (name.endsWith('At')) return '2026-06-01T10:00:00Z';
  if (/(On|Date|dateOfBirth|from|to)$/.test(name)) return '2026-06-01';
  if (name === 'typeCode') return 'cv_cover_letter';
  if (name === 'serviceCode') return 'employability';
  return 'canary probe';
}

function fillObject(t: GraphQLInputObjectType, target: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of Object.values(t.getFields())) {
    if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = fill(f.type, f.name, target);
  }
  return out;
}

/** The id arguments of a field (directly, or inside its input object) and the pools they draw from. */
function idArgs(field: GraphQLField<unknown, unknown>): { path: string[]; pool: keyof Pools; required: boolean }[] {
  const ret = getNamedType(field.type).name;
  const out: { path: string[]; pool: keyof Pools; required: boolean }[] = [];
  for (const a of field.args) {
    const named = getNamedType(a.type);
    if (named.name === 'ID') {
      const pool = poolFor(a.name, ret);
      if (pool) out.push({ path: [a.name], pool, required: isNonNullType(a.type) });
    } else if (isInputObjectType(named)) {
      for (const f of Object.values(named.getFields())) {
        const pool = getNamedType(f.type).name === 'ID' ? poolFor(f.name, ret) : null;
        if (pool && isNonNullType(f.type)) out.push({ path: [a.name, f.name], pool, required: true });
      }
    }
  }
  return out;
}

/** Candidates for a non-id argument: null (when allowed) and then each meaningful value (one in the short form, every search term always). */
function variants(arg: GraphQLArgument, opts: WalkOptions, pools: Pools): unknown[] {
  const all = allVariants(arg, opts, pools);
  return opts.short && arg.name !== 'search' ? all.slice(0, 2) : all;
}

function allVariants(arg: GraphQLArgument, opts: WalkOptions, pools: Pools): unknown[] {
  const t = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
  const nullable = !isNonNullType(arg.type);
  const base: unknown[] = nullable ? [null] : [];
  const named = getNamedType(t);
  if (arg.name === 'search') return [...base, ...opts.searchTerms];
  if (arg.name === 'first') return [...base, 500];
  if (isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    if (isListType(t)) return [...base, values];
    return [...base, ...values];
  }
  if (named.name === 'Boolean') return [...base, true];
  if (arg.name === 'field') return [...base, 'offenceSummary', 'healthNotes', 'riskLevel', 'stage'];
  if (isInputObjectType(named)) {
    const value = fillObject(named, '');
    if ('from' in value) Object.assign(value, { from: '2000-01-01', to: '2100-01-01' });
    const out: unknown[] = [value];
    const fields = named.getFields();
    if (fields.organisationId) for (const org of pools.organisation) out.push({ ...value, organisationId: org });
    for (const f of Object.values(fields)) {
      if (isEnumType(getNamedType(f.type)) && !isListType(f.type))
        for (const v of (getNamedType(f.type) as any).getValues()) out.push({ ...value, [f.name]: v.name });
    }
    return out;
  }
  return nullable ? [null] : ['canary probe'];
}

function render(
  root: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  sub: string,
): { query: string; variables: Record<string, unknown> } {
  const used = field.args.filter((a) => args[a.name] !== undefined);
  const defs = used.map((a) => `$${a.name}: ${typeName(a.type)}`).join(', ');
  const call = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `${root}${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${sub ? ` { ${sub} }` : ''} }`;
  return { query, variables: Object.fromEntries(used.map((a) => [a.name, args[a.name]])) };
}

export function schemaFrom(introspection: IntrospectionQuery): GraphQLSchema {
  return buildClientSchema(introspection);
}

/** The root query fields, each with every argument set to try. */
export function queryOperations(schema: GraphQLSchema, pools: Pools, opts: WalkOptions): Operation[] {
  const ops: Operation[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    if (EXCLUDED_QUERIES[field.name]) continue;
    const sub = selection(getNamedType(field.type), opts.depth, []);
    if (sub === null) continue;
    const ids = idArgs(field).filter((i) => i.path.length === 1);
    // Every combination of the id arguments (each from its pool, or left out when optional)...
    let combos: Record<string, unknown>[] = [{}];
    for (const id of ids) {
      const values: unknown[] = [...(id.required ? [] : [undefined]), ...pools[id.pool]];
      combos = combos.flatMap((c) => values.map((v) => ({ ...c, [id.path[0]]: v })));
    }
    // ...then each other argument's variants in turn, the rest left at their first.
    const others = field.args.filter((a) => !ids.some((i) => i.path[0] === a.name));
    const argSets: Record<string, unknown>[] = [];
    const base = Object.fromEntries(others.map((a) => [a.name, variants(a, opts, pools)[0]]));
    for (const combo of combos) {
      argSets.push({ ...base, ...combo });
      for (const a of others) for (const v of variants(a, opts, pools).slice(1)) argSets.push({ ...base, ...combo, [a.name]: v });
    }
    for (const args of argSets) {
      const clean = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined && v !== null));
      ops.push({ label: `${field.name}(${JSON.stringify(clean).slice(1, -1)})`, field: field.name, ...render('query', field, clean, sub) });
    }
  }
  return ops;
}

/**
 * Mutations naming a person-data object by id, aimed at every object of that pool in `hidden`
 * (those the caller must not see): each must fail and disclose nothing.
 */
export function mutationProbes(schema: GraphQLSchema, hidden: Pools, opts: WalkOptions): Operation[] {
  const ops: Operation[] = [];
  for (const field of Object.values(schema.getMutationType()!.getFields())) {
    if (EXCLUDED_MUTATIONS[field.name]) continue;
    const ids = idArgs(field).filter((i) => i.required && i.pool !== 'organisation' && i.pool !== 'rule' && i.pool !== 'endpoint');
    if (!ids.length) continue;
    const sub = selection(getNamedType(field.type), 2, []) ?? '';
    const targets = hidden[ids[0].pool];
    for (const target of opts.short ? targets.slice(0, 1) : targets) {
      const args: Record<string, unknown> = {};
      for (const a of field.args) if (isNonNullType(a.type) && a.defaultValue === undefined) args[a.name] = fill(a.type, a.name, target);
      for (const id of ids) {
        if (id.path.length === 1) args[id.path[0]] = target;
        else (args[id.path[0]] as Record<string, unknown>)[id.path[1]] = target;
      }
      ops.push({
        label: `${field.name}(${ids[0].pool} ${target})`,
        field: field.name,
        mustFail: true,
        ...render('mutation', field, args, sub),
      });
    }
  }
  return ops;
}

/** Subject access exports of every person (allowed or not: the oracle knows which). */
export function exportOperations(schema: GraphQLSchema, pools: Pools): Operation[] {
  const field = schema.getMutationType()!.getFields().subjectAccessExport;
  if (!field) return [];
  const sub = selection(getNamedType(field.type), 2, []) ?? '';
  return pools.person.map((personId) => ({
    label: `subjectAccessExport(${personId})`,
    field: field.name,
    exportOf: personId,
    ...render('mutation', field, { personId }, sub),
  }));
}
