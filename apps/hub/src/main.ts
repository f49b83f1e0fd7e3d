import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@hub/config';
import { createHub } from './create-hub.js';

const started = Date.now();
const config = loadConfig();
const app = await createHub();
await app.listen({ port: config.port, host: config.host });
const url = `http://localhost:${config.port}`;
new Logger('Hub').log(`ready in ${Date.now() - started} ms: GraphQL at ${url}/graphql, health at ${url}/health/ready`);
