import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@hub/config';
import { HubWorker } from '@hub/jobs';
import { createRootLogger, PinoNestLogger } from '@hub/observability';
import { WorkerModule } from './worker.module.js';

// A worker process runs the relay and the jobs whatever WORKER_MODE says (that switch is for the hub).
process.env.HUB_ROLE = 'worker';
const started = Date.now();
// Refuses to start (status 78, every problem named) before anything connects, as the hub does.
const config = loadConfigOrExit();
const root = createRootLogger(config.logLevel);
const app = await NestFactory.createApplicationContext(WorkerModule, { logger: new PinoNestLogger(root.child({ component: 'worker' })) });
app.enableShutdownHooks();
const worker = app.get(HubWorker);
new Logger('Worker').log(`ready in ${Date.now() - started} ms (worker ${worker.workerId}); Ctrl-C stops it`);
