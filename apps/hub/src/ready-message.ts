import { isLoopbackHost, PUBLISHED_DEMO_PASSWORD, type HubConfig } from '@hub/config';

export interface ReadyFacts {
  /** Milliseconds from the start of main.js to listening. */
  elapsedMs: number;
  /** Whether dist/portal is built (the hub serves it at /). */
  portal: boolean;
}

type ReadyConfig = Pick<HubConfig, 'nodeEnv' | 'host' | 'port' | 'dataDir' | 'databaseUrl'> & {
  demo: Pick<HubConfig['demo'], 'seed' | 'password'>;
  graphql: Pick<HubConfig['graphql'], 'explorer'>;
};

/**
 * What a person who ran `npm start` reads once the hub is ready: where the portal and the GraphQL
 * endpoint are, and an account to sign in with. Empty in production, whose output stays JSON logs
 * only (the hub logs its own "ready" line there). The demo password is printed only while it is the
 * one docs/guide/README.md publishes; a DEMO_PASSWORD of the operator's own is named, never printed.
 */
export function readyMessage(config: ReadyConfig, facts: ReadyFacts): string[] {
  if (config.nodeEnv === 'production') return [];
  const any = ['0.0.0.0', '::', '[::]'].includes(config.host);
  const host = any || config.host === '127.0.0.1' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = `http://${host}:${config.port}`;
  const reach = isLoopbackHost(config.host) ? 'this machine only; HOST changes it' : any ? 'every interface' : `on ${config.host}`;
  const lines = [`Rehab hub ready in ${(facts.elapsedMs / 1000).toFixed(1)} s (${reach})`];
  lines.push(facts.portal ? `  Portal:   ${base}/` : '  Portal:   not built (npm run build:portal)');
  lines.push(`  GraphQL:  ${base}/graphql${config.graphql.explorer ? ' (explorer in a browser)' : ''}`);
  if (config.demo.seed) {
    const password =
      config.demo.password === PUBLISHED_DEMO_PASSWORD ? `password ${PUBLISHED_DEMO_PASSWORD}` : 'the password in DEMO_PASSWORD';
    lines.push(`  Sign in:  probation.officer@demo.rehab-hub.example, ${password} (every demo account: docs/guide/README.md)`);
  } else {
    lines.push('  Sign in:  with an account made by npm run cli -- create-user');
  }
  lines.push(
    `  Data:     ${config.databaseUrl ? 'the PostgreSQL server in DATABASE_URL' : `${config.dataDir} (embedded PostgreSQL)`}; Ctrl+C stops the hub`,
  );
  return lines;
}
