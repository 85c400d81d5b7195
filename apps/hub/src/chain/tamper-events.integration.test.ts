import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvinceStore, openDatabase } from '../db/index.ts';
import {
  buildChainFixture,
  MONDAY,
  TUESDAY,
  verifyCli,
  type ChainFixture,
} from '../../testing/chain-fixture.ts';
import {
  insertForgedEvent,
  rehashEvents,
  resealAll,
  swap,
  tamper,
} from '../../testing/chain-tamper.ts';

// A real hub wrote the log (two days of tickets, sealed as they closed); the file is then
// edited with better-sqlite3 directly, as someone with the file would, and `luot verify` must
// name what was done and where.

let f: ChainFixture;
beforeAll(async () => {
  f = await buildChainFixture();
}, 60_000);
afterAll(() => f?.remove());

/** A Monday ticket's issue, in the middle of the day. */
const middle = () => f.mondaySeqs[0] + 3;

describe('the hub writes and seals the log', () => {
  it('sealed each day once as it closed, covering its last event', () => {
    expect(f.digests.map((d) => [d.day, d.eventsSeq])).toEqual([
      [MONDAY, f.mondaySeqs[1]],
      [TUESDAY, f.tuesdaySeqs[1]],
    ]);
    for (const d of f.digests) expect(d.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(f.digests[0]!.code).not.toBe(f.digests[1]!.code);
  });

  it('seals a day once (a second seal answers the first), and never a day still open', () => {
    const province = createProvinceStore(openDatabase(f.copyOf()));
    try {
      const site = province.site('trung-tam');
      expect(site.sealDay(MONDAY, Date.parse('2026-12-01T00:00:00Z'))).toEqual(f.digests[0]);
      expect(() => site.sealDay('2026-11-25', Date.parse('2026-12-01T00:00:00Z'))).toThrow(
        /not closed yet/,
      );
      expect(site.chainDigests(MONDAY, '2026-11-30')).toEqual(f.digests);
    } finally {
      province.close();
    }
  });

  it('verifies the untouched file as intact, and the codes as published', async () => {
    const codes = f.digests.map((d) => `${d.day}=${d.code.toLowerCase().replace(/-/g, ' ')}`);
    const r = await verifyCli(['--data', f.copyOf(), ...codes.flatMap((c) => ['--code', c])]);
    expect(r.code).toBe(0);
    expect(r.out[1]).toMatch(/^trung-tam events: intact — \d+ records \(seq 1–\d+\)$/);
    expect(r.out[2]).toMatch(/^trung-tam audit: intact — \d+ records/);
    expect(r.out[3]).toBe(
      `trung-tam digests: intact — 2 days sealed (${MONDAY} … ${TUESDAY}), 2 published codes match`,
    );
    expect(r.out.at(-1)).toMatch(/^Intact/);
  });
});

describe('an edit to the events is named', () => {
  it('a changed payload: edited, with its seq', async () => {
    const path = f.copyOf();
    tamper(path, (db) =>
      db
        .prepare(`UPDATE events SET payload = replace(payload, 'ho-tich', 'dat-dai') WHERE seq = ?`)
        .run(middle()),
    );
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[1]).toBe(
      `trung-tam events: TAMPERED — seq ${middle()} was edited: its content no longer matches its hash.`,
    );
    expect(r.out.at(-1)).toMatch(/^TAMPERING FOUND/);
  });

  it('a removed event: deleted, with the missing seq', async () => {
    const path = f.copyOf();
    tamper(path, (db) => db.prepare(`DELETE FROM events WHERE seq = ?`).run(middle()));
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[1]).toBe(`trung-tam events: TAMPERED — seq ${middle()} was deleted.`);
  });

  it('the newest events removed: deleted, since the last sealed day names them', async () => {
    const path = f.copyOf();
    tamper(path, (db) => db.prepare(`DELETE FROM events WHERE seq > ?`).run(f.tuesdaySeqs[1] - 2));
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[1]).toBe(
      `trung-tam events: TAMPERED — seq ${f.tuesdaySeqs[1] - 1}–${f.tuesdaySeqs[1]} were deleted.`,
    );
  });

  it('two events swapped: reordered, naming the one that links to a later one', async () => {
    const path = f.copyOf();
    tamper(path, (db) => swap(db, 'events', 'seq', middle(), middle() + 1));
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[1]).toBe(
      `trung-tam events: TAMPERED — seq ${middle()} was moved: it links to seq ${middle() + 1}, stored after it.`,
    );
  });

  it('a forged event, correctly linked and hashed, in the middle: inserted', async () => {
    const path = f.copyOf();
    tamper(path, (db) => insertForgedEvent(db, middle()));
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[1]).toBe(
      `trung-tam events: TAMPERED — seq ${middle() + 1} was inserted: the record after it does not link to it.`,
    );
  });

  it('a hash cleared after the chain began is refused', async () => {
    const path = f.copyOf();
    tamper(path, (db) =>
      db.prepare(`UPDATE events SET prev_hash = NULL, hash = NULL WHERE seq = ?`).run(middle()),
    );
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[1]).toMatch(new RegExp(`TAMPERED — seq ${middle()} was edited`));
  });
});

describe('a consistent rewrite shows in the digests', () => {
  it('every hash after an edit recomputed: the stored digest of that day no longer matches', async () => {
    const path = f.copyOf();
    tamper(path, (db) => {
      db.prepare(
        `UPDATE events SET payload = replace(payload, 'ho-tich', 'dat-dai') WHERE seq = ?`,
      ).run(middle());
      rehashEvents(db, middle());
    });
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[1]).toBe(
      `trung-tam events: TAMPERED — rewritten: the digest sealed for ${MONDAY} no longer matches the log (look from seq ${f.mondaySeqs[0]}, the first record of that day).`,
    );
  });

  it('the stored digests remade too: only the published code tells, naming the day', async () => {
    const path = f.copyOf();
    tamper(path, (db) => {
      db.prepare(
        `UPDATE events SET payload = replace(payload, 'ho-tich', 'dat-dai') WHERE seq = ?`,
      ).run(middle());
      rehashEvents(db, middle());
      resealAll(db);
    });
    const alone = await verifyCli(['--data', path]);
    expect(alone.code).toBe(0); // nothing outside the file to compare with
    const [monday, tuesday] = f.digests;
    const r = await verifyCli([
      '--data',
      path,
      '--code',
      `${MONDAY}=${monday!.code}`,
      '--code',
      `${TUESDAY}=${tuesday!.code}`,
    ]);
    expect(r.code).toBe(1);
    expect(r.out[1]).toMatch(/^trung-tam events: intact/);
    expect(r.out[3]).toMatch(
      new RegExp(
        `^trung-tam digests: TAMPERED — the code published for ${MONDAY} is ${monday!.code}; ` +
          `the stored log gives [0-9A-Z-]{14}: the log was rewritten on or before ${MONDAY} ` +
          `\\(look from event seq ${f.mondaySeqs[0]} and audit id \\d+\\)\\.$`,
      ),
    );
  });

  it('an event appended to a sealed day is refused', async () => {
    const path = f.copyOf();
    tamper(path, (db) => insertForgedEvent(db, f.mondaySeqs[1]));
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[1]).toMatch(/TAMPERED — seq \d+ was inserted/);
  });
});
