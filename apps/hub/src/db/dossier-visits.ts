import { DOSSIER_OUTCOMES, type DossierOutcome } from '@luot/domain';
import type { DossierVisit } from '../store.ts';

/**
 * Visits of a site's service days `$2`..`$3` finished with a dossier recorded, oldest end
 * first: the same SQL for SQLite and PostgreSQL (SQLite takes `$n` in order as `?`), through
 * the partial index `services_dossier` of migrations 015 / 010.
 */
export const DOSSIER_VISITS_SQL = `SELECT day, field_id AS "fieldId", counter_id AS "counterId",
    clerk_id AS "clerkId", ended_at AS "endedAt", dossier_outcome AS outcome,
    dossier_codes AS codes, rating
  FROM services
  WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND dossier_outcome IS NOT NULL
  ORDER BY ended_at, id`;

/** A row of `DOSSIER_VISITS_SQL` as the port gives it (codes parsed, numbers as numbers). */
export function dossierVisitOfRow(r: Record<string, unknown>): DossierVisit {
  const codes: unknown = JSON.parse((r.codes as string | null) ?? '[]');
  return {
    day: r.day as string,
    fieldId: r.fieldId as string,
    counterId: r.counterId as string,
    clerkId: (r.clerkId as string | null) ?? null,
    // PostgreSQL's bigint arrives as a string.
    endedAt: Number(r.endedAt),
    outcome: DOSSIER_OUTCOMES.includes(r.outcome as DossierOutcome)
      ? (r.outcome as DossierOutcome)
      : 'guidance',
    codes: Array.isArray(codes) ? codes.filter((c): c is string => typeof c === 'string') : [],
    rating: r.rating === null || r.rating === undefined ? null : Number(r.rating),
  };
}
