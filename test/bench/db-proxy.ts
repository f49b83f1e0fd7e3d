/**
 * A TCP proxy holding every byte for DELAY_MS in each direction: PostgreSQL one network hop away, for
 * the write-scaling benchmark (h). Run as a child process (its own event loop, so the load generator's
 * work does not stretch the delay): UPSTREAM_HOST, UPSTREAM_PORT, DELAY_MS; prints `listening <port>`.
 * Order is kept: chunks of one direction are timers of the same duration, which Node runs in the order set.
 */
import { createServer, type Socket, connect } from 'node:net';

const host = process.env.UPSTREAM_HOST ?? '127.0.0.1';
const port = Number(process.env.UPSTREAM_PORT ?? 5432);
const delay = Number(process.env.DELAY_MS ?? 1);

/** Forwards `from` to `to` after the delay; pauses the reader while the writer is full. */
function delayed(from: Socket, to: Socket): void {
  let pending = 0;
  from.on('data', (chunk) => {
    pending++;
    setTimeout(() => {
      pending--;
      if (!to.destroyed && !to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
      if (pending === 0 && from.readableEnded) to.end();
    }, delay);
  });
  from.on('end', () => {
    if (pending === 0) to.end();
  });
}

const server = createServer({ noDelay: true }, (client) => {
  const upstream = connect({ host, port, noDelay: true });
  delayed(client, upstream);
  delayed(upstream, client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => process.exit(0));
