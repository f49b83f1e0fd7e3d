import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql/dist/graphql.constants.js';
import { Permission, PERMISSION_ON_OBJECT, PERMISSIONS, permissionHolders, REQUIRED_PERMISSION } from '../../libs/access/src/index.js';
import { IS_PUBLIC } from '../../libs/common/src/index.js';

export type OperationKind = 'Query' | 'Mutation' | 'Subscription' | 'Field' | 'REST';

/** One resolver operation (or field resolver) or REST route, as Nest's metadata declares it. */
export interface DeclaredOperation {
  kind: OperationKind;
  /** `Query.person`, `Person.interventions`, `POST /sync/people`. */
  name: string;
  /** The class and method that serve it. */
  handler: string;
  permission: Permission | null;
  /** Checked by the service with the object (after its NOT_FOUND), not by the guard. */
  onObject: boolean;
  isPublic: boolean;
}

const KIND_ORDER: OperationKind[] = ['Query', 'Mutation', 'Subscription', 'Field', 'REST'];

/** Every resolver method and route handler of the running app, with its declaration (read the way the guard reads it). */
export function declaredOperations(app: INestApplication): DeclaredOperation[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const seen = new Set<unknown>();
  const found: DeclaredOperation[] = [];
  for (const wrapper of [...discovery.getProviders(), ...discovery.getControllers()]) {
    const { metatype, instance } = wrapper;
    if (!instance || typeof metatype !== 'function' || seen.has(metatype)) continue;
    seen.add(metatype);
    const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
    const parentType = Reflect.getMetadata(RESOLVER_NAME_METADATA, metatype) as string | undefined;
    const classPath = Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined;
    for (const key of scanner.getAllMethodNames(prototype)) {
      const method = prototype[key];
      const rootType = Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as string | undefined;
      const isField = Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, method) === true;
      const fieldName = (Reflect.getMetadata(RESOLVER_NAME_METADATA, method) as string | undefined) ?? key;
      const httpMethod = Reflect.getMetadata(METHOD_METADATA, method) as RequestMethod | undefined;
      let kind: OperationKind;
      let name: string;
      if (isField) {
        kind = 'Field';
        name = `${parentType ?? '?'}.${fieldName}`;
      } else if (rootType === 'Query' || rootType === 'Mutation' || rootType === 'Subscription') {
        kind = rootType;
        name = `${rootType}.${fieldName}`;
      } else if (classPath !== undefined && httpMethod !== undefined) {
        kind = 'REST';
        const path = [classPath, Reflect.getMetadata(PATH_METADATA, method) as string | undefined]
          .filter((p) => p && p !== '/')
          .join('/')
          .replace(/\/+/g, '/');
        name = `${RequestMethod[httpMethod]} /${path}`;
      } else continue;
      const targets = [method, metatype];
      found.push({
        kind,
        name,
        handler: `${metatype.name}.${key}`,
        permission: reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets) ?? null,
        onObject: reflector.getAllAndOverride<boolean | undefined>(PERMISSION_ON_OBJECT, targets) === true,
        isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
      });
    }
  }
  return found.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name, 'en'));
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** schema/permissions.md: every operation with its permission and who holds it, then the permission table itself. */
export function permissionTableMarkdown(operations: readonly DeclaredOperation[]): string {
  const lines = [
    '# Permissions',
    '',
    '<!-- Generated from the running hub’s Nest metadata by `npm run permissions` (test/permissions.e2e-spec.ts); do not edit. -->',
    '',
    'Every GraphQL operation, field resolver and REST route, the permission it declares (`@RequirePermission`, libs/access)',
    'and who holds it. The global guard (libs/auth hub-auth.guard.ts) refuses an actor without it, and any operation that',
    'declares nothing. Field resolvers run no guard: theirs records what gates the field, which the parent operation and the',
    'per-object policy enforce. Which rows and fields an allowed actor then sees is the access policy’s (libs/access policy.ts).',
    'See docs/api/permissions.md.',
    '',
    '## Operations',
    '',
    '| Operation | Kind | Permission | Who holds it | Rule on the object (checked by the service) |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const op of operations) {
    const permission = op.isPublic
      ? 'public (no token)'
      : op.permission
        ? `\`${op.permission}\`${op.onObject ? ' (checked by the service, on the object)' : ''}`
        : '**none: refused**';
    const holders = op.isPublic ? 'anyone' : op.permission ? permissionHolders(op.permission) : 'nobody';
    const rule = !op.isPublic && op.permission ? (PERMISSIONS[op.permission].subject?.rule ?? '') : '';
    lines.push(`| \`${cell(op.name)}\` | ${op.kind} | ${permission} | ${cell(holders)} | ${cell(rule)} |`);
  }
  lines.push(
    '',
    '## Permissions',
    '',
    '| Permission | Who holds it | Rule on the object | Refusal (FORBIDDEN) |',
    '| --- | --- | --- | --- |',
  );
  for (const p of Object.values(Permission)) {
    const rule = PERMISSIONS[p];
    lines.push(`| \`${p}\` | ${cell(permissionHolders(p))} | ${cell(rule.subject?.rule ?? '')} | ${cell(rule.denied)} |`);
  }
  return lines.join('\n') + '\n';
}
