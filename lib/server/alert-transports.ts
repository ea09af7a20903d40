import 'server-only';
import { createTransport } from 'nodemailer';
import type { AlertTransports } from '@/lib/worker/alert-delivery-send';
import { checkHost } from './outbound-address';
import { postToUrl } from './outbound-post';

// The real carriers of alert messages: an HTTPS POST (Slack, webhooks) and SMTP (nodemailer). Both
// check the address at delivery time too (a name can point elsewhere since the channel was saved)
// and connect to the address they checked.

const TIMEOUT_MS = 10_000;

export function alertTransports(options: { allowPrivate: boolean }): AlertTransports {
  return {
    post: (url, body, headers) => postToUrl(url, body, { ...options, timeoutMs: TIMEOUT_MS, headers }),
    async mail(smtpUrl, message) {
      const url = new URL(smtpUrl);
      const checked = await checkHost(url.hostname, options);
      const secure = url.protocol === 'smtps:';
      const transport = createTransport({
        host: checked.address,
        port: Number(url.port) || (secure ? 465 : 587),
        secure,
        // With a password to send, smtp:// must upgrade with STARTTLS or fail: never AUTH in clear text.
        requireTLS: !secure && url.username !== '',
        auth: url.username
          ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
          : undefined,
        // TLS checks the certificate against the name, not the address we connect to.
        tls: { servername: checked.host },
        connectionTimeout: TIMEOUT_MS,
        greetingTimeout: TIMEOUT_MS,
        socketTimeout: TIMEOUT_MS,
      });
      try {
        await transport.sendMail({
          from: message.from,
          to: [...message.to],
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
      } finally {
        transport.close();
      }
    },
  };
}
