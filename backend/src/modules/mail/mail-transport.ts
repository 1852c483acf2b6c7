import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type StreamTransport from 'nodemailer/lib/stream-transport';

export interface OutgoingMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** What the worker needs of nodemailer: send a message, and close at shutdown. */
export interface MailTransporter {
  /** Resolves with the raw message when it was only rendered (no `SMTP_URL`), else null. */
  send(message: OutgoingMessage): Promise<Buffer | null>;
  close(): void;
}

/**
 * SMTP from `SMTP_URL`, with timeouts short enough that an outage fails a send quickly (the
 * outbox retries it later). Without `SMTP_URL`, nodemailer renders the raw message into a
 * buffer that the worker writes to `DATA_DIR/mail` as an .eml file.
 */
export function createMailTransporter(smtpUrl: string | undefined, from: string): MailTransporter {
  if (!smtpUrl) {
    const options: StreamTransport.Options = {
      streamTransport: true,
      buffer: true,
      newline: 'unix',
    };
    const transport = createTransport(options, { from });
    return {
      send: async (message) => {
        // The overloads cannot tell a stream transport from a pool by its (all optional) options.
        const info = (await transport.sendMail(
          message,
        )) as unknown as StreamTransport.SentMessageInfo;
        return info.message as Buffer;
      },
      close: () => transport.close(),
    };
  }
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const options: SMTPTransport.Options = {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  const transport = createTransport(options, { from });
  return {
    send: async (message) => {
      await transport.sendMail(message);
      return null;
    },
    close: () => transport.close(),
  };
}
