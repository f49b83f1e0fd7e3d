// Moved to libs/database (the token signing key is sealed with it too); kept so existing imports resolve.
export { SecretBoxService } from '@hub/database';
