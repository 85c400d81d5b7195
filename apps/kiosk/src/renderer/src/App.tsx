import { useEffect, useState } from 'react';
import type { KioskConfig, OpenSettingsResult } from '../../shared/bridge.ts';
import type { KioskHost } from './host.ts';
import { Kiosk } from './Kiosk.tsx';
import { pinRefusalText } from './messages.ts';
import { PinPad } from './PinPad.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';

type Setup = { pin: string; open: Extract<OpenSettingsResult, { ok: true }> };

/**
 * Starts the kiosk once the host gave its configuration. A kiosk that is not set up opens its
 * settings first: directly on first start, behind the PIN if one was already chosen.
 */
export function App({ host }: { host: KioskHost }) {
  const [config, setConfig] = useState<KioskConfig | null>(null);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [pinError, setPinError] = useState<string | null>(null);

  const unlock = async (pin: string) => {
    const open = await host.openSettings(pin);
    if (open.ok) setSetup({ pin, open });
    else if (pin !== '') setPinError(pinRefusalText(open.reason));
  };

  useEffect(() => {
    void host.config().then(async (c) => {
      setConfig(c);
      if (c.needsSetup) await unlock('');
    });
  }, [host]);

  if (!config) return null;
  if (!config.needsSetup) return <Kiosk host={host} config={config} />;
  if (!setup)
    return (
      <PinPad error={pinError} onSubmit={(pin) => void unlock(pin)} onCancel={() => undefined} />
    );
  return (
    <SettingsScreen
      host={host}
      pin={setup.pin}
      initial={setup.open.settings}
      pinSet={setup.open.pinSet}
      osPrinters={setup.open.osPrinters}
      onClose={null}
    />
  );
}
