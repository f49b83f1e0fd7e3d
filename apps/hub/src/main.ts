import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { isLoopbackHost, loadConfigOrExit } from '@hub/config';
import { createHub } from './create-hub.js';

const started = Date.now();
// Refuses to start (status 78, every problem named on stderr) before anything is created or seeded.
const config = loadConfigOrExit();
const app = await createHub();
await app.listen({ port: config.port, host: config.host });
new Logger('Hub').log(`ready in ${Date.now() - started} ms on ${config.host}:${config.port}`);
process.stdout.write(`${readyLine()}\n`);

/** The one line a person starting the hub reads: where the portal is and how to sign in. */
function readyLine(): string {
  const any = ['0.0.0.0', '::', '[::]'].includes(config.host);
  const host = any || config.host === '127.0.0.1' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${config.port}/`;
  const reach = isLoopbackHost(config.host) ? ' (this machine only; HOST changes it)' : any ? ' (every interface)' : '';
  const signIn = config.demo.seed
    ? `sign in as probation.officer@demo.rehab-hub.example (or another demo account, see docs/guide/README.md) with ${process.env.DEMO_PASSWORD ? 'DEMO_PASSWORD' : 'the demo password in docs/guide/README.md'}`
    : 'sign in with an account made by npm run cli -- create-user';
  return `Rehab hub ready at ${url}${reach}: ${signIn}`;
}
