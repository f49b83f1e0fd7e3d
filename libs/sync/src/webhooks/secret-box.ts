// Moved to libs/database (the token signing key is sealed with it too); kept so existing imports resolve.
export { dataKey, isSealed, SEALED_PREFIX, SecretBox, SecretBoxError, type DataKey, type SecretBoxErrorCode } from '@hub/database';
