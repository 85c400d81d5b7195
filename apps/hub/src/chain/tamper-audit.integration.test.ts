import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.ts';
import { startTestHub } from '../../testing/test-hub.ts';
import { openProvince } from '../setup.ts';
import {
  buildChainFixture,
  MONDAY,
  TUESDAY,
  verifyCli,
  type ChainFixture,
} from '../../testing/chain-fixture.ts';
import {
  auditRows,
  rehashAudit,
  rehashEvents,
  shiftUp,
  SITE,
  swap,
  tamper,
} from '../../testing/chain-tamper.ts';
import { auditContent, chainHash } from './chain.ts';

// The audit trail's chain, purges that keep verify passing, backups, files from before the
// chain, and the command's exit codes. The file is a real hub's (testing/chain-fixture.ts).

const UPGRADE_FIXTURE = fileURLToPath(
  new URL('../../test-fixtures/upgrade-v0.db', import.meta.url),
);

let f: ChainFixture;
beforeAll(async () => {
  f = await buildChainFixture();
}, 60_000);
afterAll(() => f?.remove());

/** The ids of the site's audit records, oldest first. */
const auditIds = (path: string) => tamper(path, (db) => auditRows(db).map((r) => r.id));

describe('an edit to the audit trail is named', () => {
  it('a changed detail: edited', async () => {
    const path = f.copyOf();
    const id = auditIds(path)[1]!;
    tamper(path, (db) =>
      db.prepare(`UPDATE audit_log SET actor = 'ai-do-khac' WHERE id = ?`).run(id),
    );
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[1]).toMatch(/^trung-tam events: intact/);
    expect(r.out[2]).toBe(
      `trung-tam audit: TAMPERED — id ${id} was edited: its content no longer matches its hash.`,
    );
  });

  it('a removed record: deleted, naming the record after the hole', async () => {
    const path = f.copyOf();
    const ids = auditIds(path);
    tamper(path, (db) => db.prepare(`DELETE FROM audit_log WHERE id = ?`).run(ids[1]));
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[2]).toBe(
      `trung-tam audit: TAMPERED — records before id ${ids[2]} were deleted: it links to a record no longer stored.`,
    );
  });

  it('two records swapped: reordered', async () => {
    const path = f.copyOf();
    const ids = auditIds(path);
    tamper(path, (db) => swap(db, 'audit_log', 'id', ids[1]!, ids[2]!));
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[2]).toBe(
      `trung-tam audit: TAMPERED — id ${ids[1]} was moved: it links to id ${ids[2]}, stored after it.`,
    );
  });

  it('a forged record, correctly linked and hashed, in the middle: inserted', async () => {
    const path = f.copyOf();
    const ids = auditIds(path);
    tamper(path, (db) => {
      const before = auditRows(db)[1]!;
      shiftUp(db, 'audit_log', 'id', before.id);
      const forged = { ...before, actor: 'admin', action: 'user.disable', target: 'cb1' };
      const hash = chainHash(before.hash!, auditContent(forged));
      db.prepare(
        `INSERT INTO audit_log (id, site_id, at, actor, action, target, detail, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        before.id + 1,
        SITE,
        before.at,
        'admin',
        'user.disable',
        'cb1',
        '{}',
        before.hash,
        hash,
      );
    });
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[2]).toBe(
      `trung-tam audit: TAMPERED — id ${ids[1]! + 1} was inserted: the record after it does not link to it.`,
    );
  });

  it('the whole trail rehashed after an edit: the sealed digests no longer match', async () => {
    const path = f.copyOf();
    const ids = auditIds(path);
    tamper(path, (db) => {
      db.prepare(`UPDATE audit_log SET actor = 'ai-do-khac' WHERE id = ?`).run(ids[0]);
      rehashAudit(db);
    });
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[2]).toMatch(
      new RegExp(
        `^trung-tam audit: TAMPERED — rewritten: the digest sealed for ${MONDAY} no longer matches the log \\(look from id ${ids[0]}, the first record of that day\\)\\.$`,
      ),
    );
  });

  it('an edited stored digest is named', async () => {
    const path = f.copyOf();
    tamper(path, (db) =>
      db.prepare(`UPDATE chain_digests SET code = 'AAAA-AAAA-AAAA' WHERE day = ?`).run(TUESDAY),
    );
    const r = await verifyCli(['--data', path]);
    expect(r.code).toBe(1);
    expect(r.out[3]).toMatch(
      new RegExp(`^trung-tam digests: TAMPERED — the stored digest of ${TUESDAY} was edited`),
    );
  });
});

describe('what is not tampering', () => {
  it('a legitimate purge (luot purge, and the audit trail past its retention): intact, digests kept', async () => {
    const path = f.copyOf();
    const dataDir = dirname(path);
    // `luot purge` works on a data directory: the copy becomes one.
    tamper(path, (db) => db.exec(`VACUUM INTO '${join(dataDir, 'luot.db')}'`));
    const io = {
      out: () => undefined,
      err: () => undefined,
      now: () => Date.parse('2026-11-25T01:00:00Z'),
      env: {},
    };
    expect(await runCli(['purge', '--data', dataDir, '--before', TUESDAY], io)).toBe(0);
    // The audit trail's retention, through the store as the daily purge does.
    const province = openProvince(dataDir);
    const ids = auditIds(join(dataDir, 'luot.db'));
    // Monday's records go (the fake clock stamps a day's records alike).
    const cut = tamper(join(dataDir, 'luot.db'), (db) => {
      const audit = auditRows(db);
      return audit.find((a) => a.at > audit[0]!.at)!.at;
    });
    expect(province.site(SITE).purgeAudit(cut)).toBeGreaterThan(0);
    expect(province.site(SITE).chainDigests(MONDAY, TUESDAY)).toHaveLength(2);
    province.close();
    const r = await verifyCli(['--data', dataDir, '--code', `${MONDAY}=${f.digests[0]!.code}`]);
    expect(r.out[1]).toMatch(
      new RegExp(
        `^trung-tam events: intact — \\d+ records \\(seq ${f.mondaySeqs[1] + 1}–\\d+\\), purged up to seq ${f.mondaySeqs[1]}$`,
      ),
    );
    expect(r.out[2]).toMatch(
      /^trung-tam audit: intact — \d+ records \(id \d+–\d+\), purged up to id \d+$/,
    );
    expect(r.out[3]).toMatch(/2 days sealed .*, 1 published code matches$/);
    expect(r.code).toBe(0);
    expect(ids.length).toBeGreaterThan(3);
    // Removing one more day by hand, without the purge's anchor, is still deletion.
    tamper(join(dataDir, 'luot.db'), (db) =>
      db.prepare(`DELETE FROM events WHERE day = ?`).run(TUESDAY),
    );
    const after = await verifyCli(['--data', dataDir]);
    expect(after.code).toBe(1);
    expect(after.out[1]).toMatch(/^trung-tam events: TAMPERED — .* deleted/);
  });

  it('an older hub’s file: its records come before the chain, and the upgraded hub seals', async () => {
    const dataDir = dirname(f.copyOf());
    copyFileSync(UPGRADE_FIXTURE, join(dataDir, 'luot.db'));
    // The upgraded hub starts days later: it closes the old day (the chain's first records)
    // and seals it.
    const t = await startTestHub({ dataDir, now: Date.parse('2026-12-01T02:00:00Z') });
    await expect.poll(() => t.store.chainDigests('2000-01-01', '2026-12-01').length).toBe(1);
    await t.close();
    const r = await verifyCli(['--data', dataDir]);
    expect(r.out[1]).toMatch(
      /^trung-tam events: intact — \d+ records \(seq 1–\d+\), \d+ stored before the chain began \(not covered\)$/,
    );
    expect(r.out[3]).toMatch(/^trung-tam digests: intact — 1 days? sealed/);
    expect(r.code).toBe(0);
  });

  it('records stored before the upgrade are counted, not refused', async () => {
    const path = f.copyOf();
    // As a file from before migration 016 that a hub then went on writing: no hashes up to
    // Tuesday, whose first records start each chain from GENESIS_HASH.
    const firstTuesdayAudit = tamper(path, (db) => {
      const audit = auditRows(db);
      const tuesday = audit.find((a) => a.at > audit[0]!.at)!.id;
      db.prepare(`UPDATE events SET prev_hash = NULL, hash = NULL WHERE seq < ?`).run(
        f.tuesdaySeqs[0],
      );
      db.prepare(`UPDATE events SET prev_hash = NULL WHERE seq = ?`).run(f.tuesdaySeqs[0]);
      rehashEvents(db, f.tuesdaySeqs[0]);
      db.prepare(`UPDATE audit_log SET prev_hash = NULL, hash = NULL WHERE id < ?`).run(tuesday);
      rehashAudit(db, tuesday);
      db.exec(`DELETE FROM chain_digests`);
      return tuesday;
    });
    const r = await verifyCli(['--data', path]);
    expect(r.out[1]).toMatch(
      new RegExp(
        `^trung-tam events: intact — \\d+ records \\(seq 1–\\d+\\), ${f.tuesdaySeqs[0] - 1} stored before the chain began \\(not covered\\)$`,
      ),
    );
    expect(r.out[2]).toMatch(/^trung-tam audit: intact — .*, \d+ stored before the chain began/);
    expect(r.code).toBe(0);
    expect(firstTuesdayAudit).toBeGreaterThan(1);
    // A record without a hash after the chain began is refused.
    tamper(path, (db) =>
      db
        .prepare(`UPDATE events SET prev_hash = NULL, hash = NULL WHERE seq = ?`)
        .run(f.tuesdaySeqs[0] + 2),
    );
    const after = await verifyCli(['--data', path]);
    expect(after.code).toBe(1);
    expect(after.out[1]).toMatch(new RegExp(`TAMPERED — seq ${f.tuesdaySeqs[0] + 2} was edited`));
  });
});

describe('backups and the command line', () => {
  it('an encrypted backup verifies like its database, and a wrong key cannot be read', async () => {
    const path = f.copyOf();
    const dataDir = dirname(path);
    tamper(path, (db) => db.exec(`VACUUM INTO '${join(dataDir, 'luot.db')}'`));
    const io = { out: () => undefined, err: () => undefined, now: () => 0, env: {} };
    const key = join(dataDir, 'backup.key');
    expect(await runCli(['backup-key', '--out', key], io)).toBe(0);
    const backup = join(dataDir, 'luot.backup');
    expect(
      await runCli(['backup', '--data', dataDir, '--out', backup, '--key-file', key], io),
    ).toBe(0);
    const direct = await verifyCli(['--data', dataDir]);
    const fromBackup = await verifyCli(['--backup', backup, '--key', key]);
    expect(fromBackup.code).toBe(0);
    expect(fromBackup.out.slice(1)).toEqual(direct.out.slice(1));
    const otherKey = join(dataDir, 'other.key');
    await runCli(['backup-key', '--out', otherKey], io);
    const wrong = await verifyCli(['--backup', backup, '--key', otherKey]);
    expect(wrong.code).toBe(2);
    expect(wrong.err[0]).toMatch(/^luot: /);
  });

  it('answers bad usage and unreadable files with exit code 2, and --json for machines', async () => {
    expect((await verifyCli([])).code).toBe(2);
    expect((await verifyCli(['--data', '/khong/co/dau'])).code).toBe(2);
    const notDb = join(dirname(f.copyOf()), 'not.db');
    writeFileSync(notDb, 'không phải cơ sở dữ liệu');
    expect((await verifyCli(['--data', notDb])).code).toBe(2);
    expect((await verifyCli(['--data', f.copyOf(), '--code', 'hôm-qua=ABCD'])).code).toBe(2);
    expect((await verifyCli(['--data', f.copyOf(), '--site', 'khong-co'])).code).toBe(2);

    const published = join(dirname(f.copyOf()), 'published.txt');
    writeFileSync(
      published,
      `# codes read off the lobby board\n${MONDAY} ${f.digests[0]!.code}\n\n${TUESDAY}  ${f.digests[1]!.code.toLowerCase()}  # Tuesday\n`,
    );
    const r = await verifyCli(['--data', f.copyOf(), '--published', published, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out.join('\n')) as {
      intact: boolean;
      sites: { siteId: string; events: { finding: null }; digests: { published: number } }[];
    };
    expect(json.intact).toBe(true);
    expect(json.sites[0]).toMatchObject({
      siteId: SITE,
      events: { finding: null },
      digests: { published: 2 },
    });
  });
});
