import { useId } from 'react';
import { CITIZEN_TEXT as T } from '../messages.ts';

/** The 12 digits of a personal number as typed ("001 085 012345"), or null while not 12 digits. */
export function idNumberOf(typed: string): string | null {
  const digits = typed.replace(/\s/g, '');
  return /^\d{12}$/.test(digits) ? digits : null;
}

/**
 * The citizen's personal number (CCCD), asked for by a field that requires the ID card: 12 digits,
 * said why. `showInvalid` once the citizen tried to go on with something that is not 12 digits.
 */
export function IdNumberInput({
  value,
  onChange,
  showInvalid,
}: {
  value: string;
  onChange: (value: string) => void;
  showInvalid: boolean;
}) {
  const id = useId();
  const invalid = showInvalid && idNumberOf(value) === null;
  return (
    <div className="cz-id-number" data-testid="cz-id-number">
      <label className="cz-label" htmlFor={id}>
        {T.idNumberLabel}
      </label>
      <p className="cz-note" id={`${id}-why`}>
        {T.idNumberWhy}
      </p>
      <input
        id={id}
        className="cz-input"
        inputMode="numeric"
        autoComplete="off"
        maxLength={16}
        placeholder={T.idNumberPlaceholder}
        aria-describedby={`${id}-why${invalid ? ` ${id}-invalid` : ''}`}
        aria-invalid={invalid}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/[^\d\s]/g, ''))}
        data-testid="cz-id-number-input"
      />
      {invalid && (
        <p className="cz-invalid" id={`${id}-invalid`} role="alert">
          {T.idNumberInvalid}
        </p>
      )}
    </div>
  );
}
