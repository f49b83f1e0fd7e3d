import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HubConfig } from '@hub/config';

/**
 * Values (objects, arrays, and elements of them) one JSON body may hold. Parsed JSON takes far more
 * memory than its text (an empty object in a list: 3 bytes of text, about 60 of heap), so a body
 * within the byte limit could still fill the heap; a sync batch of 5,000 records holds about 75,000.
 */
export const MAX_JSON_VALUES = 250_000;

/** The number of values in a JSON text (commas, objects and arrays outside strings), stopping once past `limit`. */
export function jsonValueCount(text: string, limit: number): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x2c || c === 0x7b || c === 0x5b) {
      if (++count > limit) return count;
    }
  }
  return count;
}

function tooLarge(message: string, reason: string): Error {
  return Object.assign(new Error(message), { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', reason });
}

/**
 * Request body limits (docs/operations/configuration.md, Resource limits): every buffered body at most
 * HTTP_BODY_LIMIT_BYTES, POST /graphql at most GRAPHQL_MAX_BODY_BYTES, and a JSON body at most
 * MAX_JSON_VALUES values whatever its size. The streaming bulk path sets its own (libs/sync).
 * Call before app.init() (the routes and Nest's own parsers are registered then).
 */
export function applyBodyLimits(app: NestFastifyApplication, limits: Pick<HubConfig['input'], 'graphqlBodyBytes' | 'httpBodyBytes'>): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (route.url === '/graphql') route.bodyLimit = limits.graphqlBodyBytes;
  });
  // Fastify's own parser (with its prototype-poisoning checks), after the count; in place of Nest's default.
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: limits.httpBodyBytes }, (req, body, done) => {
    const text = body.toString('utf8');
    if (jsonValueCount(text, MAX_JSON_VALUES) > MAX_JSON_VALUES) {
      done(tooLarge(`The JSON body holds more than ${MAX_JSON_VALUES} values`, 'TOO_MANY_VALUES'), undefined);
      return;
    }
    return parse(req as never, text, done);
  });
}
