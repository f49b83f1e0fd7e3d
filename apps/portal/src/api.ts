// The portal's only way to the hub: POST /auth/login and POST /graphql with the user's bearer token.
// It never sees more than the API returns for that token.
// Every operation is a typed document generated from schema/schema.graphql (`graphql()` from ./gql,
// `npm run codegen:portal`): its result and variables are typed by the schema, not by hand.
import { graphql } from './gql';
import type { TypedDocumentString } from './gql/graphql';
import { expireSession, getToken } from './session';

export interface FieldError {
  field: string;
  messages: string[];
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

type Listener = (busy: number) => void;
let inFlight = 0;
const listeners = new Set<Listener>();
/** Subscribe to the number of requests in flight (for the "Loading" indicator). */
export function onBusy(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function busy(delta: number) {
  inFlight += delta;
  for (const l of listeners) l(inFlight);
}

let onExpired: () => void = () => undefined;
/** Called when the hub refuses the token (HTTP 401 or UNAUTHENTICATED). */
export function setExpiredHandler(handler: () => void): void {
  onExpired = handler;
}

async function post(url: string, body: unknown, token: string | null): Promise<Response> {
  busy(1);
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError('The hub could not be reached. Check your connection and try again.', 'NETWORK');
  } finally {
    busy(-1);
  }
}

interface GqlError {
  message: string;
  extensions?: { code?: string; fields?: FieldError[] };
}

/** The variables argument: optional when the operation takes none. */
export type VariablesOf<V> = [V] extends [Record<string, never>] ? [variables?: V] : [variables: V];

/** Runs a GraphQL operation; throws ApiError with the first error's code and its field errors. */
export async function gql<T, V>(document: TypedDocumentString<T, V>, ...[variables]: VariablesOf<V>): Promise<T> {
  const token = getToken();
  const res = await post('/graphql', { query: document.toString(), variables: variables ?? {} }, token);
  let body: { data?: T | null; errors?: GqlError[] };
  try {
    body = (await res.json()) as { data?: T | null; errors?: GqlError[] };
  } catch {
    throw new ApiError(`The hub answered with an error (${res.status}).`, 'INTERNAL_SERVER_ERROR');
  }
  const first = body.errors?.[0];
  if (res.status === 401 || first?.extensions?.code === 'UNAUTHENTICATED') {
    expireSession(location.pathname + location.search);
    onExpired();
    throw new ApiError('Your session has ended. Sign in again.', 'UNAUTHENTICATED');
  }
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    const fields = body.errors!.flatMap((e) => e.extensions?.fields ?? []);
    throw new ApiError(first.message, code, fields);
  }
  return body.data as T;
}

/** The password was reset by an admin: `token` allows only choosing a new one (changePassword). */
export class PasswordChangeRequiredError extends ApiError {
  constructor(
    message: string,
    readonly token: string,
  ) {
    super(message, 'PASSWORD_CHANGE_REQUIRED');
  }
}

/** Email and password sign-in; returns the bearer token. */
export async function login(email: string, password: string): Promise<string> {
  const res = await post('/auth/login', { email, password }, null);
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string; message?: string };
  if (res.ok && body.access_token) return body.access_token;
  if (body.error === 'PASSWORD_CHANGE_REQUIRED' && body.access_token) {
    throw new PasswordChangeRequiredError('Your password was reset. Choose a new password to carry on.', body.access_token);
  }
  if (res.status === 400) throw new ApiError(body.message ?? 'Enter your email address and password', 'BAD_USER_INPUT');
  throw new ApiError(body.message ?? 'Sign-in failed', body.error ?? 'UNAUTHENTICATED');
}

/** Organisations whose staff sign in through their own identity provider (for the sign-in page's choice). */
export async function identityProviders(): Promise<{ organisationId: string; name: string }[]> {
  try {
    const res = await fetch('/auth/oidc/providers', { headers: { accept: 'application/json' } });
    if (!res.ok) return [];
    const body = (await res.json()) as { organisations?: { organisationId: string; name: string }[] };
    return body.organisations ?? [];
  } catch {
    return [];
  }
}

/** The hub's token for a sign-in this browser just completed at its organisation's provider (once). */
export async function takeProviderToken(): Promise<string> {
  const res = await post('/auth/oidc/token', {}, null);
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string; message?: string };
  if (res.ok && body.access_token) return body.access_token;
  throw new ApiError(body.message ?? 'Sign-in failed', body.error ?? 'UNAUTHENTICATED');
}

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

/** Changes the signed-in user's password with `token` (every earlier token stops working: sign in again). */
export async function changePassword(token: string, currentPassword: string, newPassword: string): Promise<void> {
  const res = await post(
    '/graphql',
    { query: ChangePasswordDocument.toString(), variables: { input: { currentPassword, newPassword } } },
    token,
  );
  const body = (await res.json().catch(() => ({}))) as { data?: { changePassword?: boolean } | null; errors?: GqlError[] };
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.extensions?.fields ?? []);
  if (!body.data?.changePassword) throw new ApiError(`The hub answered with an error (${res.status}).`, 'INTERNAL_SERVER_ERROR');
}
