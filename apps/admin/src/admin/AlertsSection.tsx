import { alertsSchema } from '@luot/domain';
import { M } from '../messages.ts';
import { NumberInput } from './inputs.tsx';
import type { ConfigEditor } from './use-config-editor.ts';

const T = M.texts;
const DEFAULT_ALERTS = alertsSchema.parse({});

/** The dashboard's alarm settings (config `alerts`), edited with the rest of the configuration. */
export function AlertsSection({ editor }: { editor: ConfigEditor }) {
  const config = editor.draft;
  if (!config) return null;
  return (
    <section className="panel form-stack" data-testid="alerts-section">
      <h2>{T.alerts}</h2>
      <p className="muted">{T.alertsHelp}</p>
      <label>
        {T.calledNotStartedMinutes}
        <NumberInput
          value={config.alerts.calledNotStartedMinutes}
          onChange={(v) =>
            editor.edit(
              (c) =>
                (c.alerts.calledNotStartedMinutes = v ?? DEFAULT_ALERTS.calledNotStartedMinutes),
            )
          }
        />
      </label>
    </section>
  );
}
