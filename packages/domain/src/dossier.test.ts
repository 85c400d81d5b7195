import { describe, expect, it } from 'vitest';
import type { QueueCommand } from './commands.ts';
import { siteConfigSchema } from './config.ts';
import {
  checkDossier,
  dossierConfigSchema,
  dossierPatternProblem,
  extractDossierCodes,
  type Dossier,
  type DossierConfig,
} from './dossier.ts';
import { eventFor, stateFor } from './audience.ts';
import { byLabel, cmd, fixtureConfig, fixtureInput, fresh, refusal, run } from './test-support.ts';

const CODE = '000.00.01.H29-231115-0001';
const config = (patch: Partial<DossierConfig> = {}): DossierConfig =>
  dossierConfigSchema.parse(patch);
const dossier = (patch: Partial<Dossier> = {}): Dossier => ({
  codes: [CODE],
  outcome: 'received',
  reason: null,
  ...patch,
});

describe('the dossier setting', () => {
  it('defaults to the one-stop shape, nothing required, five codes', () => {
    expect(config()).toMatchObject({ required: 'off', maxCodes: 5 });
    expect(siteConfigSchema.parse(fixtureInput()).dossier.required).toBe('off');
  });

  it.each([
    ['(', 'not a regular expression'],
    ['a*', 'the pattern matches an empty code'],
    ['(a+)+b', 'a repeated group'],
    ['(\\d{2,})*x', 'a repeated group'],
    ['(a)\\1', 'back-references'],
    ['x'.repeat(201), 'a pattern of 1 to 200'],
  ])('refuses the pattern %s', (pattern, problem) => {
    expect(dossierPatternProblem(pattern)).toContain(problem);
    expect(dossierConfigSchema.safeParse({ pattern }).success).toBe(false);
  });

  it('takes a plain pattern of another shape', () => {
    expect(dossierPatternProblem('HS-\\d{8}')).toBeNull();
  });
});

describe('checkDossier', () => {
  it('normalizes codes and drops duplicates and a reason not for a refusal', () => {
    const check = checkDossier(config(), {
      codes: [` ${CODE.toLowerCase()} `, CODE],
      outcome: 'returned',
      reason: 'không cần',
    });
    expect(check).toEqual({
      ok: true,
      dossier: { codes: [CODE], outcome: 'returned', reason: null },
    });
  });

  it('names the code of the wrong format', () => {
    const check = checkDossier(config(), dossier({ codes: [CODE, '000.00.01-231115'] }));
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error.code).toBe('DOSSIER_CODE_INVALID');
    expect(check.error.why).toEqual({ kind: 'dossierCode', code: '000.00.01-231115' });
  });

  it('needs a reason for a refusal', () => {
    expect(checkDossier(config(), dossier({ outcome: 'refused', reason: '  ' }))).toMatchObject({
      ok: false,
      error: { code: 'REFUSAL_REASON_REQUIRED' },
    });
    expect(
      checkDossier(config(), dossier({ outcome: 'refused', codes: [], reason: 'Thiếu giấy tờ' })),
    ).toEqual({
      ok: true,
      dossier: { codes: [], outcome: 'refused', reason: 'Thiếu giấy tờ' },
    });
  });

  it('keeps to the most codes a visit may carry', () => {
    const codes = [1, 2, 3].map((n) => `000.00.01.H29-231115-000${n}`);
    expect(checkDossier(config({ maxCodes: 2 }), dossier({ codes }))).toMatchObject({
      ok: false,
      error: { code: 'DOSSIER_TOO_MANY_CODES' },
    });
  });

  it.each([
    ['off', null, null],
    ['outcome', null, 'DOSSIER_REQUIRED'],
    ['outcome', dossier({ codes: [] }), null],
    ['codes', dossier({ codes: [] }), 'DOSSIER_CODE_REQUIRED'],
    ['codes', dossier({ codes: [], outcome: 'guidance' }), null],
    ['codes', dossier(), null],
  ] as const)('required %s, given %j: %s', (required, input, code) => {
    const check = checkDossier(config({ required }), input);
    if (code === null) expect(check.ok).toBe(true);
    else expect(check).toMatchObject({ ok: false, error: { code } });
  });
});

describe('extractDossierCodes', () => {
  it('reads a code typed whole, in a URL, or inside a text', () => {
    expect(extractDossierCodes(config(), CODE)).toEqual([CODE]);
    expect(
      extractDossierCodes(config(), `https://dichvucong.gov.vn/tra-cuu?maHoSo=${CODE}&x=1`),
    ).toEqual([CODE]);
    expect(
      extractDossierCodes(config(), `MaHS:${CODE.replace(/\./g, '%2E')};${CODE.slice(0, -1)}2`),
    ).toEqual([CODE, `${CODE.slice(0, -1)}2`]);
    expect(extractDossierCodes(config(), 'ABC-123')).toEqual([]);
  });
});

describe('finish with a dossier', () => {
  const serving: QueueCommand[] = [
    cmd.issue('dat-dai'),
    cmd.open('quay-1'),
    cmd.callNext('quay-1'),
    cmd.start('quay-1'),
  ];
  const finish = (d: Dossier | null): QueueCommand => ({
    type: 'finish',
    counterId: 'quay-1',
    clerkId: 'lan',
    dossier: d,
  });
  const requiring = fresh(fixtureConfig((c) => void (c.dossier = { required: 'codes' })));

  it('puts the checked dossier on the event and the ticket', () => {
    const { state, last } = run([...serving, finish(dossier({ codes: [CODE.toLowerCase()] }))]);
    expect(last[0]).toMatchObject({ type: 'ticket.finished', dossier: dossier() });
    expect(byLabel(state, '1001').dossier).toEqual(dossier());
  });

  it('one press finishes where nothing is required', () => {
    const { state, last } = run([...serving, cmd.finish('quay-1')]);
    expect(last[0]).toMatchObject({ type: 'ticket.finished', dossier: null });
    expect(byLabel(state, '1001')).not.toHaveProperty('dossier');
  });

  it('refuses, changing nothing, what the site requires and was not given', () => {
    const { state } = run(serving, '08:00', requiring);
    expect(refusal(state, cmd.finish('quay-1'), '09:00').code).toBe('DOSSIER_REQUIRED');
    expect(refusal(state, finish(dossier({ codes: ['sai'] })), '09:00').code).toBe(
      'DOSSIER_CODE_INVALID',
    );
    // Calling the next would finish this visit with nothing recorded.
    expect(refusal(state, cmd.callNext('quay-1'), '09:00').code).toBe('DOSSIER_REQUIRED');
    expect(run([finish(dossier())], '09:00', state).last[0]).toMatchObject({ dossier: dossier() });
  });

  it("a supervisor's release records none", () => {
    const { state } = run(serving, '08:00', requiring);
    const release: QueueCommand = {
      type: 'releaseCounter',
      counterId: 'quay-1',
      reason: 'Mất điện',
    };
    const { last } = run([release], '09:00', state);
    expect(last[0]).toMatchObject({ type: 'ticket.finished', dossier: null });
  });
});

describe('what each audience sees of a dossier', () => {
  it('devices see none; clerks see codes and outcome but not a refusal reason', () => {
    const refused = dossier({ outcome: 'refused', codes: [], reason: 'Thiếu giấy tờ' });
    const { state, last } = run([
      cmd.issue('dat-dai'),
      cmd.open('quay-1'),
      cmd.callNext('quay-1'),
      cmd.start('quay-1'),
      { type: 'finish', counterId: 'quay-1', clerkId: 'lan', dossier: refused },
    ]);
    const finished = last[0]!;
    expect(eventFor('staff', finished)).toMatchObject({ dossier: refused });
    expect(eventFor('clerk', finished)).toMatchObject({ dossier: { ...refused, reason: '' } });
    expect(eventFor('device', finished)).toMatchObject({ dossier: null });
    expect(byLabel(stateFor('device', state), '1001')).not.toHaveProperty('dossier');
    expect(byLabel(stateFor('clerk', state), '1001').dossier).toEqual({ ...refused, reason: '' });
  });
});
