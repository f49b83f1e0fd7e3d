import { createTestDatabase } from './support/database.js';
import { startTestHub, type TestDatabase, type TestHub } from './support/hub.js';
import { SecretBoxService } from '../libs/database/src/secret-box.service.js';
import { signingKeyContext } from '../libs/auth/src/signing-keys.service.js';

/**
 * The hub's own signing key, generated when JWT_PRIVATE_KEY is not set (development, tests), is kept
 * in the database only sealed with the data encryption key; one stored in clear by an earlier version
 * is sealed at the next start, and tokens signed before still verify.
 */
describe('signing key at rest', () => {
  let database: TestDatabase;
  let hub: TestHub | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await hub?.app.close();
    await database.drop();
  });

  const viewer = (h: TestHub, token: string) => h.gql<{ viewer: { name: string } }>('{ viewer { name } }', {}, token);
  const rows = (h: TestHub) =>
    h.db.query('SELECT kid, private_key_pem AS stored FROM signing_key') as Promise<{ kid: string; stored: string }[]>;

  it('is stored sealed, never as a PEM, and signs tokens the hub accepts', async () => {
    hub = await startTestHub({}, database);
    const token = await hub.tokenFor('probation.officer');
    expect((await viewer(hub, token)).data?.viewer.name).toBeTruthy();
    const stored = await rows(hub);
    expect(stored).toHaveLength(1);
    expect(stored[0].stored).toMatch(/^v1:[A-Za-z0-9_-]{8}:/);
    expect(stored[0].stored).not.toMatch(/PRIVATE KEY/);
    // Bound to its row: the value does not open as another key's.
    const secrets = hub.app.get(SecretBoxService);
    await expect(secrets.open(stored[0].stored, signingKeyContext('another-kid'))).rejects.toThrow(/SECRET_UNREADABLE/);
  });

  it('a key an earlier version stored in clear is sealed at the next start, and its tokens still verify', async () => {
    const [row] = await rows(hub!);
    const pem = await hub!.app.get(SecretBoxService).open(row.stored, signingKeyContext(row.kid));
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    await hub!.db.query('UPDATE signing_key SET private_key_pem = $2 WHERE kid = $1', [row.kid, pem]);
    const token = await hub!.tokenFor('housing.worker');
    await hub!.app.close();

    hub = await startTestHub({}, database);
    expect((await viewer(hub, token)).data?.viewer.name).toBeTruthy();
    const [after] = await rows(hub);
    expect(after.kid).toBe(row.kid);
    expect(after.stored).toMatch(/^v1:/);
    expect(after.stored).not.toMatch(/PRIVATE KEY/);
  });
});
