import { loadConfig, PUBLISHED_DEMO_PASSWORD } from '@hub/config';
import { readyMessage } from './ready-message.js';

const facts = { elapsedMs: 2345, portal: true };

describe('readyMessage: what npm start prints once the hub is ready', () => {
  it('names the portal, the GraphQL endpoint and a demo account with the published password', () => {
    const lines = readyMessage(loadConfig({ PORT: '3000' }), facts);
    expect(lines[0]).toBe('Rehab hub ready in 2.3 s (this machine only; HOST changes it)');
    expect(lines).toContain('  Portal:   http://localhost:3000/');
    expect(lines).toContain('  GraphQL:  http://localhost:3000/graphql (explorer in a browser)');
    expect(lines.join('\n')).toContain(`probation.officer@demo.rehab-hub.example, password ${PUBLISHED_DEMO_PASSWORD}`);
  });

  it('never prints a DEMO_PASSWORD of the operator own, only names it', () => {
    const lines = readyMessage(loadConfig({ DEMO_PASSWORD: 'An-Operator-Secret-77' }), facts).join('\n');
    expect(lines).not.toContain('An-Operator-Secret-77');
    expect(lines).toContain('the password in DEMO_PASSWORD');
  });

  it('prints no password when the demo world is not seeded', () => {
    const lines = readyMessage(loadConfig({ SEED_DEMO: 'false' }), facts).join('\n');
    expect(lines).not.toContain(PUBLISHED_DEMO_PASSWORD);
    expect(lines).toContain('create-user');
  });

  it('says so when the portal is not built', () => {
    expect(readyMessage(loadConfig({}), { ...facts, portal: false })).toContain('  Portal:   not built (npm run build:portal)');
  });

  it('prints nothing in production, whose output stays JSON logs', () => {
    const production = { ...loadConfig({}), nodeEnv: 'production' as const };
    expect(readyMessage(production, facts)).toEqual([]);
  });
});
