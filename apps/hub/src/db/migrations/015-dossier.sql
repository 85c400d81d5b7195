-- Issue 16: what a clerk recorded of a visit at finish (the domain's `Dossier`): its outcome
-- (received | returned | guidance | refused) and its dossier codes (mã hồ sơ) as a JSON array of
-- strings. Null for visits not finished, or finished with nothing recorded. Reports count the
-- outcomes; the export of ratings per dossier reads the codes beside the visit's rating.
ALTER TABLE services ADD COLUMN dossier_outcome TEXT
  CHECK (dossier_outcome IN ('received', 'returned', 'guidance', 'refused'));
ALTER TABLE services ADD COLUMN dossier_codes TEXT;
-- The export reads a period's visits with a dossier only.
CREATE INDEX services_dossier ON services (site_id, day) WHERE dossier_outcome IS NOT NULL;
