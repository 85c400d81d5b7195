import { useEffect, useState } from 'react';

/**
 * A number field that lets a person clear it while typing: empty gives null, anything that is
 * not a number keeps the text and does not change the value (the hub explains bad values).
 */
export function NumberInput({
  value,
  onChange,
  placeholder,
  label,
}: {
  value: number | null;
  onChange: (value: number | null) => void;
  placeholder?: string;
  /** The input's accessible name, when no <label> around it gives one. */
  label?: string;
}) {
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => {
    setText((t) =>
      (t.trim() === '' && value === null) || Number(t) === value
        ? t
        : value === null
          ? ''
          : String(value),
    );
  }, [value]);
  return (
    <input
      inputMode="numeric"
      value={text}
      placeholder={placeholder}
      aria-label={label}
      onChange={(e) => {
        setText(e.target.value);
        const t = e.target.value.trim();
        if (t === '') onChange(null);
        else if (!Number.isNaN(Number(t))) onChange(Number(t));
      }}
    />
  );
}
