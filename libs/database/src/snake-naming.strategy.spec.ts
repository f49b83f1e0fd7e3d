import { snakeCase } from './snake-naming.strategy.js';

describe('snakeCase', () => {
  it.each([
    ['organisationId', 'organisation_id'],
    ['ApiClient', 'api_client'],
    ['passwordHash', 'password_hash'],
    ['PNCNumber', 'pnc_number'],
    ['already_snake', 'already_snake'],
  ])('%s -> %s', (input, output) => expect(snakeCase(input)).toBe(output));
});
