import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { auditCommand, AUDIT_USAGE } from './audit-command.js';
import { reportCommand, REPORT_USAGE } from './report-command.js';
import { TokensService } from '@hub/auth';
import { ORGANISATION_KINDS, type OrganisationKind, ROLES, type Role, SCOPES, Scope } from '@hub/common';
import { DemoSeeder, generatePopulation, GENERATED_PASSWORD } from '@hub/demo';
import { migrate } from '@hub/database';
import { ApiClientsService, IdentityProvidersService, OrganisationsService, UsersService } from '@hub/organisations';
import { RetentionService, SubjectAccessService } from '@hub/privacy';
import { loadConfigOrExit } from '@hub/config';
import { CliModule } from './cli.module.js';
import { generateMigration } from './generate-migration.js';
import { personFileAsNdjson } from './import-file.js';
import { BulkPeopleService } from '@hub/sync';

const HELP = `Usage: npm run cli -- <command> [options]

  migrate                                   apply pending migrations
  migration:generate <Name>                 write a migration for entity changes into migrations/
  seed-demo                                 seed the demo world (idempotent)
  create-org --name N --kind K [--regions a,b] [--services x,y] [--capacity n]
  create-user --org <id|name> --email E --name N --roles r1,r2 [--password P]
  create-client --org <id|name> --name N --scopes s1,s2
  token --email E                           print an access token for a user (for scripts)
  link-identity --email E --subject S       link a user to its account at its organisation's identity provider
  import <file> --org <id|name> --system S [--key K]   load people from a CSV or NDJSON file (streaming bulk path)
${AUDIT_USAGE}
${REPORT_USAGE}
  sar <personId> [--out DIR]                subject access export: DIR/sar-<id>.json and DIR/sar-<id>.md (audited)
  retention run                             erase what is past its retention period (see README), keeping tombstones and the audit
  retention policy                          print the retention period of each data category, in days
  erase <personId> --reason R               erase a record on the person's valid request (refused under a legal hold)
  legal-hold place <personId> --reason R    stop retention and erasure of a record
  legal-hold release <holdId>
  generate --people N [--seed S] [--orgs K] [--caseload C] [--batch B]
                                            fill the database with a synthetic population (set-based SQL,
                                            deterministic by seed; users s<S>.org<i>.caseworker@gen.rehab-hub.example)

Kinds: ${ORGANISATION_KINDS.join(', ')}
Roles: ${ROLES.join(', ')}
Scopes: ${SCOPES.join(', ')}`;

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function need(values: Record<string, unknown>, ...names: string[]): void {
  const missing = names.filter((n) => !values[n]);
  if (missing.length) throw new Error(`missing option(s): ${missing.map((m) => `--${m}`).join(' ')}`);
}

async function organisationId(app: INestApplicationContext, ref: string): Promise<string> {
  const all = await app.get(OrganisationsService).list();
  const found = all.find((o) => o.id === ref || o.name.toLowerCase() === ref.toLowerCase());
  if (!found) throw new Error(`no organisation "${ref}"`);
  return found.id;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      kind: { type: 'string' },
      regions: { type: 'string' },
      services: { type: 'string' },
      capacity: { type: 'string' },
      org: { type: 'string' },
      email: { type: 'string' },
      roles: { type: 'string' },
      password: { type: 'string' },
      scopes: { type: 'string' },
      system: { type: 'string' },
      key: { type: 'string' },
      out: { type: 'string' },
      reason: { type: 'string' },
      people: { type: 'string' },
      seed: { type: 'string' },
      orgs: { type: 'string' },
      caseload: { type: 'string' },
      batch: { type: 'string' },
      subject: { type: 'string' },
      'from-seal': { type: 'string' },
      'to-seal': { type: 'string' },
      'tree-size': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      as: { type: 'string' },
      'as-of': { type: 'string' },
      threshold: { type: 'string' },
    },
  });
  // The same refusal as the hub's (production without its secrets): before anything connects.
  const config = loadConfigOrExit();
  if (config.nodeEnv === 'production' && ['seed-demo', 'generate'].includes(command)) {
    // Both create accounts whose password is published (the demo's, the generator's).
    console.error(`error: ${command} creates accounts with a published password and is refused in production`);
    return 78;
  }
  process.env.HUB_ROLE = 'cli';
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  try {
    const db = app.get<DataSource>(getDataSourceToken());
    switch (command) {
      case 'migrate': {
        const done = await migrate(db);
        console.log(done.length ? `applied: ${done.join(', ')}` : 'nothing to apply');
        return 0;
      }
      case 'migration:generate': {
        const name = positionals[0];
        if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error('give the migration a PascalCase name');
        const file = await generateMigration(db, name, resolve('.'));
        console.log(file ? `wrote migrations/${file}.ts` : 'entities match the database: nothing to generate');
        return 0;
      }
      case 'seed-demo': {
        const created = await app.get(DemoSeeder).seed();
        console.log(`demo world ready (${created} records created)`);
        return 0;
      }
      case 'create-org': {
        need(values, 'name', 'kind');
        if (!ORGANISATION_KINDS.includes(values.kind as OrganisationKind))
          throw new Error(`--kind must be one of ${ORGANISATION_KINDS.join(', ')}`);
        const org = await app.get(OrganisationsService).createUnchecked({
          name: values.name!,
          kind: values.kind as OrganisationKind,
          regions: list(values.regions),
          services: list(values.services),
          capacity: values.capacity ? Number(values.capacity) : null,
        });
        console.log(JSON.stringify({ id: org.id, name: org.name, kind: org.kind }));
        return 0;
      }
      case 'create-user': {
        need(values, 'org', 'email', 'name', 'roles');
        const roles = list(values.roles);
        const bad = roles.filter((r) => !ROLES.includes(r as Role));
        if (bad.length) throw new Error(`unknown role(s) ${bad.join(', ')}; roles are ${ROLES.join(', ')}`);
        const user = await app.get(UsersService).create(null, {
          organisationId: await organisationId(app, values.org!),
          email: values.email!,
          name: values.name!,
          roles: roles as Role[],
          regions: [],
          password: values.password,
        });
        console.log(JSON.stringify({ id: user.id, email: user.email, roles: user.roles }));
        return 0;
      }
      case 'create-client': {
        need(values, 'org', 'name', 'scopes');
        const scopes = list(values.scopes);
        const bad = scopes.filter((s) => !SCOPES.includes(s as Scope));
        if (bad.length) throw new Error(`unknown scope(s) ${bad.join(', ')}; scopes are ${SCOPES.join(', ')}`);
        const { client, clientSecret } = await app.get(ApiClientsService).create(null, {
          organisationId: await organisationId(app, values.org!),
          name: values.name!,
          scopes: scopes as Scope[],
        });
        console.log(JSON.stringify({ id: client.id, client_id: client.clientId, client_secret: clientSecret, scopes: client.scopes }));
        return 0;
      }
      case 'link-identity': {
        need(values, 'email', 'subject');
        const user = await app.get(UsersService).findByEmail(values.email!);
        if (!user) throw new Error(`no user ${values.email}`);
        const issuer = await app.get(IdentityProvidersService).issuerOf(user.organisationId);
        await app.get(UsersService).linkIdentity(null, user.id, issuer, values.subject!);
        console.log(JSON.stringify({ id: user.id, issuer, subject: values.subject }));
        return 0;
      }
      case 'token': {
        need(values, 'email');
        const user = await app.get(UsersService).findByEmail(values.email!);
        if (!user?.active) throw new Error(`no active user ${values.email}`);
        const token = await app.get(TokensService).issue(`user:${user.id}`, user.organisationId, undefined, [user.tokensValidAfter]);
        console.log(token.access_token);
        return 0;
      }
      case 'import': {
        need(values, 'org', 'system');
        const file = positionals[0];
        if (!file) throw new Error('give the file to import');
        const org = await app.get(OrganisationsService).get(await organisationId(app, values.org!));
        const actor = {
          kind: 'client' as const,
          id: `cli-import-${org.id}`,
          displayName: 'Command-line import',
          organisationId: org.id,
          organisationKind: org.kind,
          organisationRegions: org.regions,
          roles: [],
          scopes: [Scope.SYNC],
          purpose: 'casework' as const,
          requestId: `cli-${Date.now()}`,
        };
        const key = values.key ?? `import:${resolve(file)}`;
        const job = await app.get(BulkPeopleService).load(actor, values.system!, key, personFileAsNdjson(file));
        console.log(
          JSON.stringify(
            {
              jobId: job.id,
              status: job.status,
              replayed: job.replayed,
              created: job.created,
              updated: job.updated,
              unchanged: job.unchanged,
              rejected: job.rejected,
              errors: job.errors.slice(0, 20),
            },
            null,
            2,
          ),
        );
        return 0;
      }
      case 'audit': {
        return await auditCommand(app, positionals, values);
      }
      case 'report': {
        return await reportCommand(app, positionals, values);
      }
      case 'sar': {
        const personId = positionals[0];
        if (!personId || !/^[0-9a-f-]{36}$/i.test(personId)) throw new Error('usage: sar <personId> [--out DIR]');
        const result = await app.get(SubjectAccessService).export(null, personId);
        const dir = resolve(values.out ?? '.');
        await mkdir(dir, { recursive: true });
        const json = join(dir, `sar-${result.personId}.json`);
        const md = join(dir, `sar-${result.personId}.md`);
        await writeFile(json, JSON.stringify(result.data, null, 2));
        await writeFile(md, result.document);
        console.log(JSON.stringify({ json, document: md, counts: result.counts }));
        return 0;
      }
      case 'retention': {
        const retention = app.get(RetentionService);
        if (positionals[0] === 'policy') {
          console.log(JSON.stringify(retention.policy(), null, 2));
          return 0;
        }
        if (positionals[0] !== 'run') throw new Error('usage: retention run | retention policy');
        console.log(JSON.stringify(await retention.run()));
        return 0;
      }
      case 'erase': {
        need(values, 'reason');
        if (!positionals[0]) throw new Error('usage: erase <personId> --reason R');
        const erasure = await app.get(RetentionService).erase(null, positionals[0], values.reason!);
        console.log(JSON.stringify({ id: erasure.id, personId: erasure.personId, counts: erasure.counts }));
        return 0;
      }
      case 'legal-hold': {
        const retention = app.get(RetentionService);
        if (positionals[0] === 'place' && positionals[1]) {
          need(values, 'reason');
          const hold = await retention.placeHold(null, positionals[1], values.reason!);
          console.log(JSON.stringify({ id: hold.id, personId: hold.personId }));
          return 0;
        }
        if (positionals[0] === 'release' && positionals[1]) {
          const hold = await retention.releaseHold(null, positionals[1]);
          console.log(JSON.stringify({ id: hold.id, releasedAt: hold.releasedAt }));
          return 0;
        }
        throw new Error('usage: legal-hold place <personId> --reason R | legal-hold release <holdId>');
      }
      case 'generate': {
        need(values, 'people');
        const num = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(/_/g, '')));
        await migrate(db);
        // One connection of the pool, used directly: the generator keeps temporary tables on it.
        const client = await (
          db.driver as unknown as { master: { connect(): Promise<{ query: never; release(): void }> } }
        ).master.connect();
        try {
          const summary = await generatePopulation(client, {
            people: num(values.people)!,
            seed: num(values.seed),
            organisations: num(values.orgs),
            focusCaseload: num(values.caseload),
            batch: num(values.batch),
            log: (m) => console.error(m),
          });
          console.log(JSON.stringify({ ...summary, password: GENERATED_PASSWORD }));
        } finally {
          client.release();
        }
        return 0;
      }
      default:
        console.error(`unknown command "${command}"\n\n${HELP}`);
        return 1;
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`error: ${(err as Error).message}`);
    process.exit(1);
  },
);
