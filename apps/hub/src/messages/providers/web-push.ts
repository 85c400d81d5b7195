import webpush from 'web-push';
import { PROVIDER_TIMEOUT_MS, SendError, type Outgoing, type Provider } from './provider.ts';

/** The store's secret holding the deployment's VAPID key pair (JSON). */
export const VAPID_SECRET = 'webpush.vapid';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** A fresh VAPID key pair, as stored (once per deployment). */
export function makeVapidKeys(): string {
  return JSON.stringify(webpush.generateVAPIDKeys());
}

/**
 * Web Push with the `web-push` library: the payload (title, body, and the message id as the
 * notification's tag, so a message delivered twice after a crash shows once) is encrypted for
 * the subscription (aes128gcm) and signed with the deployment's VAPID key. A push service
 * answering 404 or 410 has dropped the subscription: not retried.
 */
export function webPushProvider(options: {
  vapid: VapidKeys;
  /** The VAPID subject: a mailto: or https: address of whoever runs the hub. */
  subject: string;
  title: string;
  timeoutMs?: number;
}): Provider {
  return {
    async send(message: Outgoing) {
      let subscription: webpush.PushSubscription;
      try {
        subscription = JSON.parse(message.to) as webpush.PushSubscription;
      } catch {
        throw new SendError('đăng ký nhận thông báo hỏng', false);
      }
      const payload = JSON.stringify({ title: options.title, body: message.text, tag: message.id });
      try {
        await webpush.sendNotification(subscription, payload, {
          vapidDetails: { subject: options.subject, ...options.vapid },
          TTL: 3600,
          timeout: options.timeoutMs ?? PROVIDER_TIMEOUT_MS,
          contentEncoding: 'aes128gcm',
        });
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status === 404 || status === 410) throw new SendError(`Web Push ${status}: đã hủy đăng ký`, false);
        if (status !== undefined) throw new SendError(`Web Push HTTP ${status}`, status >= 500 || status === 429);
        throw new SendError(`Web Push: ${(err as Error).message}`, true);
      }
    },
  };
}
