import { postJson, SendError, type Outgoing, type Provider } from './provider.ts';

export const ZNS_SEND_PATH = '/message/template';

/**
 * Zalo Notification Service: `POST /message/template` with the Official Account's
 * `access_token` header, the phone ("84…"), the kind's approved `template_id` and its
 * `template_data`; `tracking_id` is the message id (the idempotency key). `error: 0` means
 * accepted; a negative error is Zalo refusing (token, template, quota) and is not retried.
 */
export function znsProvider(settings: {
  baseUrl: string;
  accessToken: string;
  templates: Record<string, string>;
  timeoutMs?: number;
}): Provider {
  return {
    async send(message: Outgoing) {
      const templateId = settings.templates[message.kind];
      if (!templateId) throw new SendError(`chưa có mẫu ZNS cho loại tin "${message.kind}"`, false);
      const answer = (await postJson(
        settings.baseUrl.replace(/\/$/, '') + ZNS_SEND_PATH,
        {
          phone: message.to,
          template_id: templateId,
          template_data: message.data,
          tracking_id: message.id,
        },
        { headers: { access_token: settings.accessToken }, timeoutMs: settings.timeoutMs },
      )) as { error?: number; message?: string };
      if (answer.error === 0) return;
      throw new SendError(`ZNS ${answer.error ?? '?'}${answer.message ? `: ${answer.message}` : ''}`, false);
    },
  };
}
