import { ID_CARD_SCAN_MODES, idCardConfigSchema, type IdCardScanMode } from '@luot/domain';
import { MI } from '../messages-id-card.ts';
import { NumberInput } from './inputs.tsx';
import type { ConfigEditor } from './use-config-editor.ts';

const S = MI.site;
const DEFAULTS = idCardConfigSchema.parse({});

/**
 * The site's "Căn cước công dân tại ki-ốt" settings (config `idCard`): the fields' default scan
 * mode, priority by age (the age and the class it gives), the adult age. Saved with the rest.
 */
export function IdCardSection({ editor }: { editor: ConfigEditor }) {
  const config = editor.draft;
  if (!config) return null;
  const card = config.idCard;
  const byAge = card.priorityAge !== null;
  return (
    <section className="panel form-stack" aria-labelledby="id-card" data-testid="id-card-section">
      <h2 id="id-card">{S.title}</h2>
      <p className="muted">{S.help}</p>
      <label>
        {S.scan}
        <select
          name="id-card-scan"
          value={card.scan}
          onChange={(e) => editor.edit((c) => (c.idCard.scan = e.target.value as IdCardScanMode))}
        >
          {ID_CARD_SCAN_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {MI.modes[mode]}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="id-card-by-age"
          checked={!byAge}
          onChange={(e) =>
            editor.edit(
              (c) =>
                (c.idCard.priorityAge = e.target.checked ? null : (DEFAULTS.priorityAge ?? 75)),
            )
          }
        />
        {S.priorityAgeOff}
      </label>
      {byAge && (
        <div className="form-grid">
          <label>
            {S.priorityAge}
            <NumberInput
              value={card.priorityAge}
              onChange={(v) =>
                editor.edit((c) => (c.idCard.priorityAge = v ?? DEFAULTS.priorityAge))
              }
            />
          </label>
          <label>
            {S.priorityClassId}
            <select
              name="id-card-class"
              value={card.priorityClassId ?? ''}
              onChange={(e) =>
                editor.edit((c) => (c.idCard.priorityClassId = e.target.value || null))
              }
            >
              <option value="">{S.noClass}</option>
              {config.priorityClasses.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {byAge && <p className="muted">{S.priorityAgeHelp}</p>}
      <label>
        {S.adultAge}
        <NumberInput
          value={card.adultAge}
          onChange={(v) => editor.edit((c) => (c.idCard.adultAge = v ?? DEFAULTS.adultAge))}
        />
      </label>
      <p className="muted" data-testid="id-card-limit">
        {S.limitNote(config.citizens.numbersPerDay)}
      </p>
    </section>
  );
}
