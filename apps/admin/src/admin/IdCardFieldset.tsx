import { ID_CARD_SCAN_MODES, type FieldConfig, type FieldIdCardConfig } from '@luot/domain';
import { MI } from '../messages-id-card.ts';

const F = MI.field;
const MODES = ['site', ...ID_CARD_SCAN_MODES] as const;

/** A field's "Căn cước công dân" settings: its scan mode (or the site's) and adults-only. */
export function IdCardFieldset({
  field,
  onChange,
}: {
  field: FieldConfig;
  onChange: (change: (idCard: FieldIdCardConfig) => void) => void;
}) {
  const { scan, adultsOnly } = field.idCard;
  return (
    <fieldset data-testid="id-card-settings">
      <legend>{F.legend}</legend>
      <label>
        {F.scan}
        <select
          name="id-card-field-scan"
          value={scan}
          onChange={(e) => onChange((c) => (c.scan = e.target.value as FieldIdCardConfig['scan']))}
        >
          {MODES.map((mode) => (
            <option key={mode} value={mode}>
              {MI.modes[mode]}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="id-card-adults-only"
          checked={adultsOnly}
          onChange={(e) => onChange((c) => (c.adultsOnly = e.target.checked))}
        />
        {F.adultsOnly}
      </label>
      {scan === 'required' && <p className="muted">{F.requiredHelp}</p>}
    </fieldset>
  );
}
