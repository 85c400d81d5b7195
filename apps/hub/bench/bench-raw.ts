import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { openDatabase } from '../src/db/open-database.ts';
import { DEFAULT_SITE_ID } from '../src/store.ts';

export interface RawIssueResult {
  tickets: number;
  perTransaction: number;
  ms: number;
  perSecond: number;
}

/**
 * The baseline of durable issuance: the rows the hub writes for one issued ticket (its
 * `events` row with the JSON payload, and its `tickets` row), inserted with plain prepared
 * statements into a fresh database opened like the hub's (WAL, synchronous=FULL), with
 * `perTransaction` tickets per transaction (1: one transaction per ticket, as the hub commits
 * each command). Rows are built before the clock starts; only SQLite is timed.
 */
export function rawIssueBaseline(options: {
  path: string;
  tickets: number;
  fieldIds: string[];
  perTransaction?: number;
}): RawIssueResult {
  const perTransaction = options.perTransaction ?? 1;
  const db = openDatabase(options.path);
  try {
    const day = new Date().toISOString().slice(0, 10);
    const numbers = new Map<string, number>();
    const rows = Array.from({ length: options.tickets }, (_, i) => {
      const fieldId = options.fieldIds[i % options.fieldIds.length]!;
      const number = (numbers.get(fieldId) ?? 0) + 1;
      numbers.set(fieldId, number);
      const at = Date.now();
      const ticket = {
        id: randomUUID(),
        day,
        fieldId,
        originalFieldId: fieldId,
        number,
        label: `A${String(number).padStart(4, '0')}`,
        priorityClassId: null,
        status: 'waiting',
        issuedAt: at,
        issueSeq: i + 1,
        waitingSince: at,
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        counterId: null,
        clerkId: null,
        assignedCounterId: null,
        callCount: 0,
        transferCount: 0,
        rating: null,
      };
      return {
        ticket,
        payload: JSON.stringify({ type: 'ticket.issued', at, day, ticket }),
        tokenHash: createHash('sha256').update(randomBytes(16).toString('base64url')).digest('hex'),
      };
    });
    const insertEvent = db.prepare(
      `INSERT INTO events (site_id, seq, day, at, type, ticket_id, field_id, counter_id, clerk_id,
         actor, payload)
       VALUES ('${DEFAULT_SITE_ID}', ?, ?, ?, 'ticket.issued', ?, ?, NULL, NULL, 'device:kiosk-1', ?)`,
    );
    const insertTicket = db.prepare(
      `INSERT INTO tickets (site_id, id, day, field_id, original_field_id, number, label,
         priority_class_id, status, issued_at, token_hash, issued_by)
       VALUES ('${DEFAULT_SITE_ID}', ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, 'device:kiosk-1')`,
    );
    // The site's last sequence number, read in each transaction as the store does.
    const lastSeq = db
      .prepare(`SELECT COALESCE(MAX(seq), 0) FROM events WHERE site_id = ?`)
      .pluck();
    const write = db.transaction((batch: typeof rows) => {
      let seq = lastSeq.get(DEFAULT_SITE_ID) as number;
      for (const { ticket: t, payload, tokenHash } of batch) {
        insertEvent.run(++seq, t.day, t.issuedAt, t.id, t.fieldId, payload);
        insertTicket.run(
          t.id,
          t.day,
          t.fieldId,
          t.originalFieldId,
          t.number,
          t.label,
          null,
          t.issuedAt,
          tokenHash,
        );
      }
    });
    const started = performance.now();
    for (let i = 0; i < rows.length; i += perTransaction) write(rows.slice(i, i + perTransaction));
    const ms = performance.now() - started;
    return { tickets: rows.length, perTransaction, ms, perSecond: (rows.length / ms) * 1000 };
  } finally {
    db.close();
  }
}
