import { z } from 'zod';
import type { DomainError } from './errors.ts';

/**
 * Dossier codes (mã hồ sơ) and the outcome of a visit, recorded by the clerk at finish so that
 * the visit's rating can be tied to the dossiers of the one-stop system (Decision 766/QĐ-TTg
 * scores satisfaction per dossier). A Vietnamese code looks like `000.00.01.H29-231115-0001`:
 * the receiving agency's code, the day received (yymmdd) and a sequence number.
 */

/** What came of a visit: a dossier received, a result returned, guidance only, or refused. */
export const DOSSIER_OUTCOMES = ['received', 'returned', 'guidance', 'refused'] as const;
export type DossierOutcome = (typeof DOSSIER_OUTCOMES)[number];

/** The outcomes as clerks, reports and exports name them. */
export const DOSSIER_OUTCOME_LABELS_VI: Record<DossierOutcome, string> = {
  received: 'Tiếp nhận hồ sơ',
  returned: 'Trả kết quả',
  guidance: 'Hướng dẫn',
  refused: 'Từ chối tiếp nhận',
};

/**
 * What a clerk must record at finish. `off`: nothing (one press finishes, a dossier may still
 * be given); `outcome`: the outcome; `codes`: the outcome, and at least one code when a dossier
 * was received or a result returned.
 */
export const DOSSIER_REQUIREMENTS = ['off', 'outcome', 'codes'] as const;
export type DossierRequirement = (typeof DOSSIER_REQUIREMENTS)[number];

/** The site setting's values as the admin app and the audit trail name them. */
export const DOSSIER_REQUIREMENT_LABELS_VI: Record<DossierRequirement, string> = {
  off: 'Không bắt buộc',
  outcome: 'Bắt buộc chọn kết quả',
  codes: 'Bắt buộc kết quả và mã hồ sơ',
};

/** The shape of a one-stop system's code: agency code, yymmdd, four-digit sequence. */
export const DEFAULT_DOSSIER_PATTERN = String.raw`\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}`;

const MAX_PATTERN_LENGTH = 200;

/**
 * Why a pattern cannot serve as a dossier code's format, or null when it can: it must compile,
 * not match an empty text, and not look catastrophic (a quantified group that itself holds a
 * quantifier, such as `(a+)+`, or a back-reference: these can make matching take exponential
 * time on a crafted scan).
 */
export function dossierPatternProblem(source: string): string | null {
  if (source.length === 0 || source.length > MAX_PATTERN_LENGTH)
    return `a pattern of 1 to ${MAX_PATTERN_LENGTH} characters`;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${source})$`, 'u');
  } catch {
    return 'not a regular expression';
  }
  if (re.test('')) return 'the pattern matches an empty code';
  if (/\\[1-9]|\\k</.test(source)) return 'back-references are not allowed';
  if (/\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/.test(source))
    return 'a repeated group that holds a repetition (such as (a+)+) is not allowed';
  return null;
}

/** A site's dossier setting (`SiteConfig.dossier`). Default: nothing required; see README. */
export const dossierConfigSchema = z
  .strictObject({
    /** A regular expression source a whole code must match (no flags; matched as Unicode). */
    pattern: z
      .string()
      .default(DEFAULT_DOSSIER_PATTERN)
      .superRefine((source, ctx) => {
        const problem = dossierPatternProblem(source);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    required: z.enum(DOSSIER_REQUIREMENTS).default('off'),
    /** The most codes one visit may carry. */
    maxCodes: z.number().int().min(1).max(20).default(5),
  })
  .prefault({});
export type DossierConfig = z.infer<typeof dossierConfigSchema>;

/** At most this many codes in any visit, whatever the setting (the payload's own bound). */
export const MAX_DOSSIER_CODES = 20;

/**
 * A visit's dossier as a clerk sends it at finish (the protocol's payload) and as the
 * `ticket.finished` event and the ticket keep it. `reason` only with `refused`.
 */
export const dossierSchema = z.strictObject({
  codes: z.array(z.string().trim().min(1).max(80)).max(MAX_DOSSIER_CODES).default([]),
  outcome: z.enum(DOSSIER_OUTCOMES),
  reason: z.string().trim().max(300).nullable().default(null),
});
export type Dossier = z.infer<typeof dossierSchema>;
export type DossierInput = z.input<typeof dossierSchema>;

/** A code as stored and compared: trimmed, upper-case (agency letters typed in lower case). */
export function normalizeDossierCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Whether a whole code has the site's format. */
export function isDossierCode(config: DossierConfig, code: string): boolean {
  return new RegExp(`^(?:${config.pattern})$`, 'u').test(normalizeDossierCode(code));
}

/**
 * The codes a scan holds: the whole text when it is a code, else every code found inside it (a
 * QR with the one-stop system's look-up URL, or a text around the code). Empty: none found.
 */
export function extractDossierCodes(config: DossierConfig, text: string): string[] {
  const trimmed = normalizeDossierCode(text);
  if (trimmed === '') return [];
  if (isDossierCode(config, trimmed)) return [trimmed];
  let decoded = trimmed;
  try {
    decoded = decodeURIComponent(trimmed).toUpperCase();
  } catch {
    // Not URL-encoded text: search it as it is.
  }
  const found = decoded.match(new RegExp(config.pattern, 'gu')) ?? [];
  return [...new Set(found.filter((code) => isDossierCode(config, code)))];
}

export type DossierCheck =
  { ok: true; dossier: Dossier | null } | { ok: false; error: DomainError };

/**
 * The one rule for what a clerk records at finish, used by the counter app before sending and
 * by `decide`: the dossier as the ticket keeps it (codes normalized, duplicates dropped, a
 * reason only for a refusal), or why it is refused.
 */
export function checkDossier(config: DossierConfig, input: Dossier | null): DossierCheck {
  const fail = (error: DomainError): DossierCheck => ({ ok: false, error });
  if (input === null)
    return config.required === 'off'
      ? { ok: true, dossier: null }
      : fail({ code: 'DOSSIER_REQUIRED', detail: 'the visit needs an outcome' });
  const codes = [...new Set(input.codes.map(normalizeDossierCode))];
  for (const code of codes)
    if (!isDossierCode(config, code))
      return fail({
        code: 'DOSSIER_CODE_INVALID',
        detail: `code ${code} does not match the pattern`,
        why: { kind: 'dossierCode', code },
      });
  if (codes.length > config.maxCodes)
    return fail({
      code: 'DOSSIER_TOO_MANY_CODES',
      detail: `${codes.length} codes, at most ${config.maxCodes}`,
    });
  const reason = input.reason?.trim() ?? '';
  if (input.outcome === 'refused' && reason === '')
    return fail({ code: 'REFUSAL_REASON_REQUIRED', detail: 'a refusal needs a reason' });
  if (
    config.required === 'codes' &&
    (input.outcome === 'received' || input.outcome === 'returned') &&
    codes.length === 0
  )
    return fail({ code: 'DOSSIER_CODE_REQUIRED', detail: `${input.outcome} needs a code` });
  return {
    ok: true,
    dossier: { codes, outcome: input.outcome, reason: input.outcome === 'refused' ? reason : null },
  };
}
