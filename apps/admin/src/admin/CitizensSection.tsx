import { citizensSchema, type CitizensConfig } from '@luot/domain';
import { MO } from '../messages-online.ts';
import { NumberInput } from './inputs.tsx';
import type { ConfigEditor } from './use-config-editor.ts';

const S = MO.site;
const DEFAULTS = citizensSchema.parse({});
const KEYS: (keyof CitizensConfig)[] = [
  'numbersPerDay',
  'openBookings',
  'bookingMaxStreak',
  'nearTurnAhead',
];

/** The site's "Công dân trực tuyến" settings (config `citizens`), saved with the rest. */
export function CitizensSection({ editor }: { editor: ConfigEditor }) {
  const config = editor.draft;
  if (!config) return null;
  return (
    <section className="panel form-stack" aria-labelledby="citizens" data-testid="citizens-section">
      <h2 id="citizens">{S.title}</h2>
      <p className="muted">{S.help}</p>
      {KEYS.map((key) => (
        <label key={key}>
          {S[key]}
          <NumberInput
            value={config.citizens[key]}
            onChange={(v) => editor.edit((c) => (c.citizens[key] = v ?? DEFAULTS[key]))}
          />
        </label>
      ))}
    </section>
  );
}
