import { useState, type FormEvent } from 'react';
import {
  kioskSettingsSchema,
  pinSchema,
  type KioskSettings,
  type PrinterConnection,
} from '../../shared/settings.ts';
import type { KioskHost } from './host.ts';
import { messages, pinRefusalText } from './messages.ts';

const t = messages.settings;

/** The installer's screen: hub, device token, public URL, printer, PIN. Saving restarts the kiosk. */
export function SettingsScreen({
  host,
  pin,
  initial,
  pinSet,
  osPrinters,
  onClose,
}: {
  host: KioskHost;
  pin: string;
  initial: KioskSettings;
  pinSet: boolean;
  osPrinters: string[];
  onClose: (() => void) | null;
}) {
  const [s, setS] = useState<KioskSettings>(initial);
  const [newPin, setNewPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const c = s.printer.connection;

  const setConnection = (kind: PrinterConnection['kind']) => {
    const connection: PrinterConnection =
      kind === 'tcp'
        ? { kind, host: '', port: 9100 }
        : kind === 'device'
          ? { kind, path: '/dev/usb/lp0' }
          : { kind, deviceName: osPrinters[0] ?? '' };
    setS({ ...s, printer: { ...s.printer, connection } });
  };
  const patchConnection = (patch: Partial<Record<string, string | number>>) =>
    setS({ ...s, printer: { ...s.printer, connection: { ...c, ...patch } as PrinterConnection } });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = kioskSettingsSchema.safeParse(s);
    const pinOk = newPin === '' ? pinSet : pinSchema.safeParse(newPin).success;
    if (!parsed.success || !pinOk) {
      setError(
        `${t.invalid}${parsed.success ? '' : `: ${parsed.error.issues[0]?.path.join('.')}`}`,
      );
      return;
    }
    const result = await host.saveSettings({
      pin,
      settings: parsed.data,
      ...(newPin ? { newPin } : {}),
    });
    if (!result.ok)
      setError(result.reason === 'invalid' ? t.invalid : pinRefusalText(result.reason));
  };

  const quit = async () => {
    const result = await host.quit(pin);
    if (!result.ok) setError(pinRefusalText(result.reason));
  };

  return (
    <form className="screen settings" data-screen="settings" onSubmit={submit}>
      <h1>{pinSet ? t.title : t.setupTitle}</h1>
      <label>
        {t.hubUrl}
        <input
          value={s.hubUrl}
          inputMode="url"
          onChange={(e) => setS({ ...s, hubUrl: e.target.value })}
        />
      </label>
      <label>
        {t.deviceToken}
        <input
          value={s.deviceToken}
          onChange={(e) => setS({ ...s, deviceToken: e.target.value })}
        />
      </label>
      <label>
        {t.publicUrl}
        <input
          value={s.publicUrl}
          inputMode="url"
          onChange={(e) => setS({ ...s, publicUrl: e.target.value })}
        />
      </label>
      <fieldset>
        <legend>{t.connection}</legend>
        {(['tcp', 'device', 'os'] as const).map((kind) => (
          <label key={kind} className="choice">
            <input
              type="radio"
              name="connection"
              checked={c.kind === kind}
              onChange={() => setConnection(kind)}
            />
            {t.connectionKinds[kind]}
          </label>
        ))}
        {c.kind === 'tcp' && (
          <div className="row">
            <label>
              {t.host}
              <input value={c.host} onChange={(e) => patchConnection({ host: e.target.value })} />
            </label>
            <label>
              {t.port}
              <input
                type="number"
                value={c.port}
                onChange={(e) => patchConnection({ port: Number(e.target.value) })}
              />
            </label>
          </div>
        )}
        {c.kind === 'device' && (
          <label>
            {t.devicePath}
            <input value={c.path} onChange={(e) => patchConnection({ path: e.target.value })} />
          </label>
        )}
        {c.kind === 'os' && (
          <label>
            {t.osPrinter}
            <select
              value={c.deviceName}
              onChange={(e) => patchConnection({ deviceName: e.target.value })}
            >
              {[...new Set([c.deviceName, ...osPrinters])].filter(Boolean).map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      {c.kind !== 'os' && (
        <fieldset>
          <legend>{t.mode}</legend>
          {(['raster', 'text'] as const).map((mode) => (
            <label key={mode} className="choice">
              <input
                type="radio"
                name="mode"
                checked={s.printer.mode === mode}
                onChange={() => setS({ ...s, printer: { ...s.printer, mode } })}
              />
              {t.modes[mode]}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>{t.paper}</legend>
        {(['80mm', '58mm'] as const).map((paper) => (
          <label key={paper} className="choice">
            <input
              type="radio"
              name="paper"
              checked={s.printer.paper === paper}
              onChange={() => setS({ ...s, printer: { ...s.printer, paper } })}
            />
            {paper}
          </label>
        ))}
      </fieldset>
      <label>
        {pinSet ? t.newPin : t.newPinRequired}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={newPin}
          onChange={(e) => setNewPin(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      {error && (
        <p className="settings-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="take-button">
          {t.save}
        </button>
        {onClose && (
          <button type="button" className="back-button" onClick={onClose}>
            {t.cancel}
          </button>
        )}
        {host.kind === 'electron' && (
          <button type="button" className="back-button" data-action="quit" onClick={quit}>
            {t.quit}
          </button>
        )}
      </div>
    </form>
  );
}
