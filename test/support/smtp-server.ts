// A real SMTP server in the test's process (smtp-server), for the hub's email notifications: the
// notifications suite and the portal's browser tests read what it received.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string[];
  /** The message as received, soft line breaks of quoted-printable undone. */
  raw: string;
}

/** A real SMTP server in this process: it keeps every message it accepts. */
export function smtpServer() {
  const received: Mail[] = [];
  let server: SMTPServer | null = null;
  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: raw.replace(/=\r\n/g, '').replace(/=3D/g, '=') });
          done();
        });
      },
    });
  return {
    received,
    start: (port = 0) =>
      new Promise<number>((resolve) => {
        server = create();
        server.listen(port, '127.0.0.1', () => resolve((server!.server.address() as AddressInfo).port));
      }),
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}
