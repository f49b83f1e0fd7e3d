import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@hub/config';
import { createHub } from './create-hub.js';
import { findPortal } from './portal-static.js';
import { readyMessage } from './ready-message.js';

// Refuses to start (status 78, every problem named on stderr) before anything is created or seeded.
const config = loadConfigOrExit();
const app = await createHub();
await app.listen({ port: config.port, host: config.host });
// From the start of the process: loading the code is part of starting.
const elapsedMs = Math.round(process.uptime() * 1000);
new Logger('Hub').log(`ready in ${elapsedMs} ms on ${config.host}:${config.port}`);
// A few lines for a person (development and test only: production writes JSON logs alone).
for (const line of readyMessage(config, { elapsedMs, portal: findPortal() !== null })) process.stdout.write(`${line}\n`);
