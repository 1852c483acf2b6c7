import type { TransportType } from '@nestjs-modules/mailer';

/**
 * SMTP from `SMTP_URL`, with timeouts short enough that an outage fails a send quickly (the
 * outbox retries it later). Without `SMTP_URL`, nodemailer renders the raw message into a
 * buffer that the worker writes to `DATA_DIR/mail` as an .eml file.
 */
export function mailTransport(smtpUrl: string | undefined): TransportType {
  if (!smtpUrl) return { streamTransport: true, buffer: true, newline: 'unix' };
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
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
}
