import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface Subscriber<T> {
  /** Every message received so far (data or errors). */
  messages: Received<T>[];
  /** Errors sent as a graphql-ws `error` message (refused before it started). */
  refused: { message: string; extensions?: Record<string, unknown> }[];
  /** The close code if the connection was closed by the server. */
  closedWith: number | null;
  /** Resolves once the connection is acknowledged (the token was accepted). */
  connected: Promise<void>;
  close(): Promise<void>;
}

/**
 * A real graphql-ws client (the `graphql-ws` package over `ws`) subscribed to `query` as the holder
 * of `token` (sent as `connectionParams.authorization`, as a browser or integration would).
 */
export function subscribe<T = Record<string, unknown>>(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Subscriber<T> {
  let onConnected!: () => void;
  const sub: Subscriber<T> = {
    messages: [],
    refused: [],
    closedWith: null,
    connected: new Promise<void>((resolve) => (onConnected = resolve)),
    close: async () => {
      await client.dispose();
    },
  };
  const client: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: {
      connected: () => onConnected(),
      closed: (event) => {
        sub.closedWith = (event as { code?: number }).code ?? null;
      },
    },
    onNonLazyError: () => undefined,
  });
  client.subscribe<T>(
    { query, variables },
    {
      next: (message) => void sub.messages.push(message as Received<T>),
      error: (err) => {
        if (Array.isArray(err)) sub.refused.push(...(err as Subscriber<T>['refused']));
      },
      complete: () => undefined,
    },
  );
  return sub;
}

/** The hub's WebSocket URL once it listens on a port. */
export function wsUrl(server: { address(): unknown }): string {
  const address = server.address() as { port: number };
  return `ws://127.0.0.1:${address.port}/graphql`;
}
