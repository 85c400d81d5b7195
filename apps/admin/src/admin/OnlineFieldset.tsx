import { onlineSchema, type FieldConfig, type OnlineConfig } from '@luot/domain';
import { MO } from '../messages-online.ts';
import { NumberInput } from './inputs.tsx';

const F = MO.field;
const DEFAULTS = onlineSchema.parse({}).booking;
type BookingNumber = Exclude<keyof OnlineConfig['booking'], 'enabled'>;
const NUMBERS: BookingNumber[] = [
  'slotMinutes',
  'capacity',
  'daysAhead',
  'earlyMinutes',
  'graceMinutes',
];
const REMOTE: [OnlineConfig['remote'], string][] = [
  ['off', F.remoteOff],
  ['walk-in', F.remoteWalkIn],
  ['check-in', F.remoteCheckIn],
];

/** A field's "Trực tuyến" settings: remote numbers (off / like walk-ins / must check in) and bookings. */
export function OnlineFieldset({
  field,
  onChange,
}: {
  field: FieldConfig;
  onChange: (change: (online: OnlineConfig) => void) => void;
}) {
  const { remote, booking } = field.online;
  return (
    <fieldset data-testid="online-settings">
      <legend>{F.legend}</legend>
      <label>
        {F.remote}
        <select
          name="online-remote"
          value={remote}
          onChange={(e) => onChange((o) => (o.remote = e.target.value as OnlineConfig['remote']))}
        >
          {REMOTE.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="online-booking"
          checked={booking.enabled}
          onChange={(e) => onChange((o) => (o.booking.enabled = e.target.checked))}
        />
        {F.booking}
      </label>
      {booking.enabled && (
        <>
          <div className="form-grid">
            {NUMBERS.map((key) => (
              <label key={key}>
                {F[key]}
                <NumberInput
                  value={booking[key]}
                  onChange={(v) => onChange((o) => (o.booking[key] = v ?? DEFAULTS[key]))}
                />
              </label>
            ))}
          </div>
          <p className="muted">{F.bookingHelp}</p>
        </>
      )}
    </fieldset>
  );
}

/** The fields table's short "Trực tuyến" column. */
export function onlineSummary(field: FieldConfig): string {
  const parts: string[] = [];
  if (field.online.remote === 'walk-in') parts.push(F.summaryRemote);
  if (field.online.remote === 'check-in') parts.push(F.summaryCheckIn);
  if (field.online.booking.enabled) parts.push(F.summaryBooking);
  return parts.length > 0 ? parts.join(' · ') : F.summaryOff;
}
