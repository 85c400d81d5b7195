import { useState } from 'react';
import {
  DEFAULT_DOSSIER_PATTERN,
  DOSSIER_REQUIREMENTS,
  dossierPatternProblem,
  isDossierCode,
  type DossierRequirement,
} from '@luot/domain';
import { MD } from '../messages-dossier.ts';
import { NumberInput } from './inputs.tsx';
import type { ConfigEditor } from './use-config-editor.ts';

const S = MD.site;

/**
 * The site's "Hồ sơ khi hoàn thành" setting (config `dossier`): what a clerk must record at
 * finish, the dossier code's format (checked as the hub checks it, with a code to try) and the
 * most codes per visit. Saved with the rest of the page.
 */
export function DossierSection({ editor }: { editor: ConfigEditor }) {
  const [sample, setSample] = useState('000.00.01.H29-231115-0001');
  const config = editor.draft;
  if (!config) return null;
  const dossier = config.dossier;
  const problem = dossierPatternProblem(dossier.pattern);
  return (
    <section className="panel form-stack" aria-labelledby="dossier" data-testid="dossier-section">
      <h2 id="dossier">{S.title}</h2>
      <p className="muted">{S.help}</p>
      <label>
        {S.required}
        <select
          name="dossier-required"
          value={dossier.required}
          onChange={(e) =>
            editor.edit((c) => (c.dossier.required = e.target.value as DossierRequirement))
          }
        >
          {DOSSIER_REQUIREMENTS.map((r) => (
            <option key={r} value={r}>
              {MD.required[r]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {S.pattern}
        <input
          name="dossier-pattern"
          className="mono"
          value={dossier.pattern}
          spellCheck={false}
          aria-invalid={problem !== null}
          onChange={(e) => editor.edit((c) => (c.dossier.pattern = e.target.value))}
        />
      </label>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="muted">{S.patternHelp}</p>
      {dossier.pattern !== DEFAULT_DOSSIER_PATTERN ? (
        <button
          type="button"
          className="secondary"
          onClick={() => editor.edit((c) => (c.dossier.pattern = DEFAULT_DOSSIER_PATTERN))}
        >
          {S.patternDefault}
        </button>
      ) : null}
      <div className="form-grid">
        <label>
          {S.sample}
          <input
            name="dossier-sample"
            className="mono"
            value={sample}
            onChange={(e) => setSample(e.target.value)}
          />
        </label>
        <p data-testid="dossier-sample-result" aria-live="polite">
          {problem || sample.trim() === ''
            ? ''
            : isDossierCode(dossier, sample)
              ? `✓ ${S.sampleOk}`
              : `✗ ${S.sampleBad}`}
        </p>
      </div>
      <label>
        {S.maxCodes}
        <NumberInput
          value={dossier.maxCodes}
          onChange={(v) => editor.edit((c) => (c.dossier.maxCodes = v ?? 5))}
        />
      </label>
    </section>
  );
}
