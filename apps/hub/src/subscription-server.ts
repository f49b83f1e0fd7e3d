import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import { AuditService } from '@hub/audit';
import { BearerAuthenticator } from '@hub/auth';
import { RETRY_AFTER_SECONDS } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { formatError, graphqlProtection } from './graphql.options.js';
import { graphqlWsOptions } from './graphql-ws.options.js';
import { SocketBook } from './socket-book.js';

export const SUBSCRIPTIONS_PATH = '/graphql';

/** Answers an upgrade request with a plain HTTP refusal (JSON, coded) and drops the socket. */
function refuse(socket: Duplex, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: code, message });
  const reason = { 400: 'Bad Request', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' }[status] ?? 'Error';
  const head = [
    `HTTP/1.1 ${status} ${reason}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (socket.writable) socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  socket.destroy();
}

/**
 * The WebSocket side of /graphql (graphql-ws, protocol graphql-transport-ws), held to the limits of
 * HubConfig.subscriptions before anything is buffered: a frame larger than WS_MAX_PAYLOAD_BYTES
 * closes the connection (1009) from its header on; at most WS_MAX_CONNECTIONS connections, and
 * WS_MAX_UNAUTHENTICATED_PER_ADDRESS per address before sign-in, are accepted (else 503 / 429 to the
 * upgrade); connection_init with a valid token is due within WS_CONNECTION_INIT_TIMEOUT_MS (else
 * 4408); an actor holds at most WS_MAX_CONNECTIONS_PER_ACTOR connections (else 4429) and each at
 * most WS_MAX_SUBSCRIPTIONS_PER_CONNECTION subscriptions (else RATE_LIMITED). The protocol's own
 * rules (authentication, what is served) are in graphql-ws.options.ts.
 */
@Injectable()
export class SubscriptionServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Subscriptions');
  private wss?: WebSocketServer;
  private server?: Server;
  private dispose?: () => Promise<void>;
  readonly book: SocketBook<WebSocket>;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly bearer: BearerAuthenticator,
    private readonly audit: AuditService,
  ) {
    this.book = new SocketBook<WebSocket>(config.subscriptions);
  }

  /** Connections open now (for tests and metrics). */
  get connections(): number {
    return this.book.size;
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    const limits = this.config.subscriptions;
    const wss = new WebSocketServer({
      noServer: true,
      path: SUBSCRIPTIONS_PATH,
      maxPayload: limits.maxPayloadBytes,
      // No compression: a small compressed frame could inflate past every limit.
      perMessageDeflate: false,
      clientTracking: true,
    });
    const protection = graphqlProtection(this.config);
    const schema = () => this.schemaHost.schema;
    const served = useServer(
      {
        schema: schema(),
        ...(graphqlWsOptions({
          bearer: this.bearer,
          audit: this.audit,
          validationRules: protection.validationRules,
          maxTokens: this.config.graphql.maxTokens,
          formatError,
          schema,
          limits,
          strings: stringLimits(this.config),
          book: this.book,
        }) as object),
      },
      wss,
    );
    server.on('upgrade', this.onUpgrade);
    this.wss = wss;
    this.server = server;
    this.dispose = async () => served.dispose();
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const wss = this.wss;
    // A socket that errors before or during the handshake must not bring the process down.
    socket.on('error', () => socket.destroy());
    if (!wss) {
      refuse(socket, 503, 'SERVICE_UNAVAILABLE', 'The hub is stopping');
      return;
    }
    const path = (req.url ?? '').split('?')[0];
    if (path !== SUBSCRIPTIONS_PATH) {
      refuse(socket, 404, 'NOT_FOUND', `WebSocket connections are served at ${SUBSCRIPTIONS_PATH} only`);
      return;
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    const admission = this.book.admit(address);
    if (!admission.ok) {
      refuse(
        socket,
        admission.status,
        admission.status === 429 ? 'RATE_LIMITED' : 'SERVICE_UNAVAILABLE',
        `Not accepted: ${admission.reason}; try again later`,
        {
          'Retry-After': String(RETRY_AFTER_SECONDS),
        },
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      this.book.opened(ws, address);
      ws.once('close', () => this.book.closed(ws));
      wss.emit('connection', ws, req);
    });
  };

  async onModuleDestroy(): Promise<void> {
    this.server?.off('upgrade', this.onUpgrade);
    const dispose = this.dispose;
    this.dispose = undefined;
    this.wss = undefined;
    await dispose?.().catch((err: Error) => this.logger.warn(`closing WebSocket connections: ${err.message}`));
  }
}

/** The string limits of HubConfig.input, as the GraphQL rule takes them. */
export function stringLimits(config: HubConfig) {
  return { maxString: config.input.maxStringLength, maxId: config.input.maxIdLength, maxSearch: config.input.maxSearchLength };
}
