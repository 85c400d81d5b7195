-- Issue 16: what a clerk recorded of a visit at finish (the domain's `Dossier`): its outcome
-- (received | returned | guidance | refused) and its dossier codes (mã hồ sơ) as a JSON array of
-- strings (text, read as SQLite's column is). Null for visits not finished, or finished with
-- nothing recorded. Reports count the outcomes; the export of ratings per dossier reads the codes.
ALTER TABLE services ADD COLUMN dossier_outcome text
  CHECK (dossier_outcome IN ('received', 'returned', 'guidance', 'refused'));
ALTER TABLE services ADD COLUMN dossier_codes text;
CREATE INDEX services_dossier ON services (site_id, day) WHERE dossier_outcome IS NOT NULL;
