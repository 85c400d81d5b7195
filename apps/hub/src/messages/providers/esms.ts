import { postJson, SendError, type Outgoing, type Provider } from './provider.ts';

/** eSMS.vn's send call: one SMS per request, JSON in and out. */
export const ESMS_SEND_PATH = '/MainService.svc/json/SendMultipleMessage_V4_post_json/';

/**
 * SMS through eSMS.vn (`SendMultipleMessage_V4_post_json`): `RequestId` is the message id,
 * which eSMS uses to refuse a duplicate, so a message sent again after a crash is not sent
 * twice. `CodeResult` "100" means accepted; "99" (eSMS's unknown error) is retried, any other
 * code (wrong keys, brandname, number) is not.
 */
export function esmsProvider(settings: {
  baseUrl: string;
  apiKey: string;
  secretKey: string;
  brandname: string;
  smsType: '2' | '8';
  timeoutMs?: number;
}): Provider {
  return {
    async send(message: Outgoing) {
      const answer = (await postJson(
        settings.baseUrl.replace(/\/$/, '') + ESMS_SEND_PATH,
        {
          ApiKey: settings.apiKey,
          SecretKey: settings.secretKey,
          Phone: localPhone(message.to),
          Content: message.text,
          SmsType: settings.smsType,
          ...(settings.smsType === '2' ? { Brandname: settings.brandname } : {}),
          IsUnicode: '1',
          RequestId: message.id,
        },
        { timeoutMs: settings.timeoutMs },
      )) as { CodeResult?: string; ErrorMessage?: string };
      const code = String(answer.CodeResult ?? '');
      if (code === '100') return;
      throw new SendError(`eSMS ${code || '?'}${answer.ErrorMessage ? `: ${answer.ErrorMessage}` : ''}`, code === '99');
    },
  };
}

/** "84912345678" → "0912345678", as Vietnamese carriers and eSMS's examples write it. */
export function localPhone(phone: string): string {
  return phone.startsWith('84') ? `0${phone.slice(2)}` : phone;
}
