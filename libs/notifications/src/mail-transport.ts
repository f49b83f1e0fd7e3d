import nodemailer, { type Transporter } from 'nodemailer';

/** One email: plain text (and the same as simple HTML), to one recipient. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What the transport says of a sent message: its id, kept in the notification's record. */
export interface MailReceipt {
  messageId: string | null;
}

/**
 * How the hub hands an email on: SMTP by default (`SmtpMailTransport`). Another service (a GOV.UK
 * Notify-style API: a template id and personalisation over HTTPS) fits behind the same interface:
 * provide it under `MAIL_TRANSPORT` in NotificationsModule. A transport throws when the message was
 * not accepted; the notification is then retried by the job queue, and recorded as failed after the
 * last attempt.
 */
export interface MailTransport {
  /** Whether it can send at all (SMTP_URL set); when not, notifications are recorded as not sent. */
  readonly configured: boolean;
  send(message: MailMessage): Promise<MailReceipt>;
  close(): void;
}
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** SMTP_URL as nodemailer's options: smtps:// is TLS from the start (port 465 by default), smtp:// upgrades with STARTTLS when offered (587). */
export function smtpOptions(smtpUrl: string, timeoutMs: number) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** Over SMTP with nodemailer: `SMTP_URL` (smtp:// with STARTTLS when the server offers it, or smtps://). */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter | null;

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string,
    timeoutMs: number,
  ) {
    this.transporter = smtpUrl ? nodemailer.createTransport(smtpOptions(smtpUrl, timeoutMs)) : null;
  }

  get configured(): boolean {
    return this.transporter !== null;
  }

  async send(message: MailMessage): Promise<MailReceipt> {
    if (!this.transporter) throw new Error('SMTP_URL is not set');
    const info = (await this.transporter.sendMail({ from: this.from, ...message })) as { messageId?: string };
    return { messageId: info.messageId ?? null };
  }

  close(): void {
    this.transporter?.close();
  }
}
