// `pnpm fake-provider [--port 9099]`: the fake eSMS.vn and Zalo ZNS for the demo, on 127.0.0.1.
// Point a site's "Tin nhắn" settings at http://127.0.0.1:9099 (any ApiKey/SecretKey, any ZNS
// access token) and every message the hub sends is printed here instead of reaching a phone.
// Type `500`, `hang`, `down` or `ok` and Enter to make it fail the way a real provider can.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startFakeProvider, type FakeMode } from '@luot/hub/testing';

const { values } = parseArgs({ options: { port: { type: 'string', default: '9099' } } });
const fake = await startFakeProvider({
  port: Number(values.port),
  onDelivery: (d) =>
    console.log(
      `${new Date().toLocaleTimeString('vi-VN')}  ${d.provider === 'esms' ? 'SMS' : 'ZNS'} → ${d.phone}: ${
        d.provider === 'esms' ? d.text : `mẫu ${d.text} ${JSON.stringify(d.templateData)}`
      }  (khóa ${d.key})`,
    ),
});
console.log(`Nhà cung cấp giả đang chạy: ${fake.url}`);
console.log('Gõ ok | 500 | hang | down rồi Enter để đổi cách trả lời; Ctrl+C để dừng.');
const modes: Record<string, FakeMode> = { ok: 'ok', '500': 'error500', hang: 'hang', down: 'down' };
createInterface({ input: process.stdin }).on('line', (line) => {
  const mode = modes[line.trim()];
  if (!mode) return console.log('Không hiểu; gõ ok, 500, hang hoặc down.');
  fake.setMode(mode);
  console.log(`Từ giờ trả lời: ${line.trim()}`);
});
process.on('SIGINT', () => void fake.close().then(() => process.exit(0)));
