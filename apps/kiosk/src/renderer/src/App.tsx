import { useEffect, useState } from 'react';
import type { KioskConfig, OpenSettingsResult } from '../../shared/bridge.ts';
import type { KioskHost } from './host.ts';
import { Kiosk } from './Kiosk.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';

/** Starts the kiosk once the host gave its configuration; a new kiosk opens its settings first. */
export function App({ host }: { host: KioskHost }) {
  const [config, setConfig] = useState<KioskConfig | null>(null);
  const [setup, setSetup] = useState<Extract<OpenSettingsResult, { ok: true }> | null>(null);
  useEffect(() => {
    void host.config().then(async (c) => {
      setConfig(c);
      if (c.needsSetup) {
        const open = await host.openSettings('');
        if (open.ok) setSetup(open);
      }
    });
  }, [host]);
  if (!config) return null;
  if (config.needsSetup)
    return setup ? (
      <SettingsScreen
        host={host}
        pin=""
        initial={setup.settings}
        pinSet={setup.pinSet}
        osPrinters={setup.osPrinters}
        onClose={null}
      />
    ) : null;
  return <Kiosk host={host} config={config} />;
}
