#!/usr/bin/env node
// A reference receiver of Lượt's webhooks: what a one-stop information system (Hệ thống thông
// tin giải quyết thủ tục hành chính) does with them. Plain Node (18 or newer), no dependencies:
//
//   LUOT_WEBHOOK_SECRET=whsec_… node receiver.mjs
//
// It checks each delivery's signature and timestamp, acts on each idempotency key once (the keys
// it has seen are kept in a JSON file, so a restart does not forget them), and prints the event
// as a one-stop system would see it. See README.md beside it.
/* global process, console, Buffer */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

const SECRET = process.env.LUOT_WEBHOOK_SECRET ?? '';
const PORT = Number(process.env.PORT ?? 8787);
const HOST = process.env.HOST ?? '127.0.0.1';
const SEEN_FILE = process.env.SEEN_FILE ?? 'seen-keys.json';
/** How far (seconds) a delivery's timestamp may be from this machine's clock. */
const TOLERANCE_S = Number(process.env.TOLERANCE_S ?? 300);
/** Keys remembered (the newest); the hub retries one delivery for at most 24 hours. */
const KEEP_KEYS = 100_000;
const MAX_BODY = 1024 * 1024;

if (!SECRET.startsWith('whsec_')) {
  console.error('Set LUOT_WEBHOOK_SECRET to the secret the admin app showed (whsec_…).');
  process.exit(2);
}

/**
 * The verification recipe: the header is `t=<unix seconds>,v1=<hex>`; recompute
 * HMAC-SHA256(secret, `${t}.${raw body}`) in hex, compare in constant time, and refuse a `t`
 * more than TOLERANCE_S away from now (a replayed old delivery).
 * @param {string | undefined} header
 * @param {string} rawBody
 * @returns {boolean}
 */
function verify(header, rawBody, secret = SECRET, nowS = Math.floor(Date.now() / 1000)) {
  if (!header) return false;
  const fields = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2)));
  const t = Number(fields.t);
  if (!Number.isInteger(t) || Math.abs(nowS - t) > TOLERANCE_S) return false;
  if (!/^[0-9a-f]{64}$/.test(fields.v1 ?? '')) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(fields.v1, 'hex'));
}

/** The keys already acted on, oldest first (kept in SEEN_FILE). */
const seen = new Set(existsSync(SEEN_FILE) ? JSON.parse(readFileSync(SEEN_FILE, 'utf8')) : []);

function remember(key) {
  seen.add(key);
  if (seen.size > KEEP_KEYS) seen.delete(seen.values().next().value);
  // Written to a temporary file and renamed: a crash never leaves half a file.
  writeFileSync(`${SEEN_FILE}.tmp`, JSON.stringify([...seen]));
  renameSync(`${SEEN_FILE}.tmp`, SEEN_FILE);
}

/**
 * One line, as a one-stop system would show the event.
 * @param {any} body a WebhookBody
 */
function describe(body) {
  const e = body.event;
  const so = `Số ${body.ticketLabel ?? '?'}`;
  const quay = body.counter ? `quầy ${body.counter.number}` : 'quầy ?';
  const Quay = `Q${quay.slice(1)}`;
  const linhVuc = body.field ? body.field.name : '';
  switch (body.type) {
    case 'ticket.issued':
      return `${so} được cấp (${linhVuc})`;
    case 'ticket.called':
      return `${so} được gọi tới ${quay}`;
    case 'ticket.recalled':
      return `${so} được gọi lại tới ${quay}`;
    case 'ticket.started':
      return `${so} bắt đầu được phục vụ tại ${quay}`;
    case 'ticket.finished':
      return `${so} đã được phục vụ xong tại ${quay}`;
    case 'ticket.no_show':
      return `${so} không có mặt khi được gọi tại ${quay}`;
    case 'ticket.transferred':
      return `${so} được chuyển tiếp (lĩnh vực ${e.toFieldId})`;
    case 'ticket.cancelled':
      return `${so} bị huỷ: ${e.reason}`;
    case 'ticket.expired':
      return `${so} hết hiệu lực cuối ngày`;
    case 'ticket.arrived':
      return `${so} (đặt lịch) đã đến`;
    case 'ticket.rated':
      return `${so} được đánh giá ${e.score} điểm`;
    case 'counter.opened':
      return `${Quay} mở (cán bộ ${e.clerkId})`;
    case 'counter.closed':
      return `${Quay} đóng`;
    case 'counter.paused':
      return `${Quay} tạm nghỉ: ${e.reason}`;
    case 'counter.resumed':
      return `${Quay} làm việc lại`;
    case 'day.opened':
      return `Bắt đầu ngày làm việc ${e.day}`;
    case 'config.updated':
      return `Cấu hình của điểm được cập nhật`;
    default:
      return `Sự kiện ${body.type}`;
  }
}

const server = createServer((req, res) => {
  if (req.method !== 'POST') return void res.writeHead(405).end();
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => {
    // Verify over the raw bytes as they came, before parsing anything.
    const raw = Buffer.concat(chunks).toString('utf8');
    if (!verify(req.headers['x-luot-signature'], raw)) {
      console.error('Từ chối: chữ ký hoặc thời điểm không hợp lệ');
      return void res.writeHead(401).end();
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') return void res.writeHead(400).end();
    // Already acted on (the hub sent it again): answer 2xx so it stops, do nothing more.
    if (seen.has(key)) return void res.writeHead(200).end('duplicate');
    const body = JSON.parse(raw);
    console.log(`[${body.siteId} #${body.seq}] ${describe(body)}`);
    remember(key);
    res.writeHead(200).end('ok');
  });
});

server.listen(PORT, HOST, () => {
  console.log(`Đang nhận webhook tại http://${HOST}:${server.address().port}/`);
});
