import { deviceBaseUrl, phoneBaseUrl, type SiteConfig } from '@luot/domain';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { hubUrl } from '../session.ts';
import { CitizensSection } from './CitizensSection.tsx';
import { DossierSection } from './DossierSection.tsx';
import { IdCardSection } from './IdCardSection.tsx';
import { SaveBar } from './SaveBar.tsx';
import { formatOffset, utcOffsetMinutes, zoneChoices } from './time-zones.ts';
import { useConfigEditor } from './use-config-editor.ts';

const S = M.site;

/** An address input: empty text is "not configured" (null); the hub validates the rest. */
function AddressInput({
  label,
  help,
  value,
  testId,
  onChange,
}: {
  label: string;
  help: string;
  value: string | null;
  testId: string;
  onChange: (value: string | null) => void;
}) {
  return (
    <label>
      {label}
      <input
        type="url"
        inputMode="url"
        data-testid={testId}
        value={value ?? ''}
        placeholder="http://192.168.1.10:8080"
        onChange={(e) => onChange(e.target.value.trim() === '' ? null : e.target.value)}
      />
      <small className="muted">{help}</small>
    </label>
  );
}

/** The site's time zone (with a warning when it changes) and the hub's addresses for QR codes. */
export function SitePage({ api, liveConfig }: { api: Api; liveConfig: SiteConfig | null }) {
  const editor = useConfigEditor(api, liveConfig);
  const config = editor.draft;
  if (!config) return <p className="muted">{M.config.loading}</p>;
  // Offsets are named at this moment (this browser's clock is close enough for a label).
  const now = Date.now();
  const zoneName = (tz: string) => `${tz} (${formatOffset(utcOffsetMinutes(now, tz))})`;
  const saved = liveConfig?.site.timeZone ?? config.site.timeZone;
  const { addresses } = config.site;

  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{S.title}</h1>
      </header>
      <SaveBar editor={editor} />
      <section className="panel form-stack">
        <label>
          {S.timeZone}
          <select
            data-testid="time-zone"
            value={config.site.timeZone}
            onChange={(e) => editor.edit((c) => (c.site.timeZone = e.target.value))}
          >
            {zoneChoices(config.site.timeZone).map((tz) => (
              <option key={tz} value={tz}>
                {zoneName(tz)}
              </option>
            ))}
          </select>
          <small className="muted">{S.timeZoneHelp}</small>
        </label>
        {config.site.timeZone !== saved && (
          <p className="warning" role="status" data-testid="time-zone-warning">
            {S.timeZoneWarning(zoneName(saved), zoneName(config.site.timeZone))}
          </p>
        )}
      </section>
      <section className="panel form-stack" aria-labelledby="addresses">
        <h2 id="addresses">{S.addresses}</h2>
        <p className="muted">{S.addressesHelp}</p>
        <AddressInput
          label={S.hub}
          help={S.hubHelp}
          testId="address-hub"
          value={addresses.hub}
          onChange={(v) => editor.edit((c) => (c.site.addresses.hub = v))}
        />
        <AddressInput
          label={S.public}
          help={S.publicHelp}
          testId="address-public"
          value={addresses.public}
          onChange={(v) => editor.edit((c) => (c.site.addresses.public = v))}
        />
        <dl className="address-uses">
          <dt>{S.pairingUses}</dt>
          <dd>
            <code>{deviceBaseUrl(config) ?? hubUrl()}</code>
          </dd>
          <dt>{S.ticketUses}</dt>
          <dd>
            <code>{phoneBaseUrl(config) ?? S.kioskOwn}</code>
          </dd>
        </dl>
      </section>
      <CitizensSection editor={editor} />
      <IdCardSection editor={editor} />
      <DossierSection editor={editor} />
    </div>
  );
}
