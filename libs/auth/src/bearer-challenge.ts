import type { FastifyInstance } from 'fastify';

/**
 * Every 401 says how to authenticate (RFC 7235 section 3.1): a bearer token (RFC 6750 section 3),
 * with `error="invalid_token"` when one was given and refused. Answers that set their own challenge
 * (the token endpoint's HTTP Basic) keep it.
 */
export function addBearerChallenge(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode === 401 && !reply.hasHeader('www-authenticate')) {
      const given = /^Bearer\s+\S/i.test(String(req.headers.authorization ?? ''));
      reply.header(
        'www-authenticate',
        given
          ? 'Bearer realm="rehab-hub", error="invalid_token", error_description="The access token is missing, expired, revoked or malformed"'
          : 'Bearer realm="rehab-hub"',
      );
    }
    return payload;
  });
}
