import type { SiteConfig } from '@luot/domain';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { AlertsSection } from './AlertsSection.tsx';
import { NumberInput } from './inputs.tsx';
import { SaveBar } from './SaveBar.tsx';
import { useConfigEditor } from './use-config-editor.ts';

const T = M.texts;

/** Texts: the centre's name, ticket header and footer, the call sentence, the lobby notice, the end-of-day message. */
export function TextsPage({ api, liveConfig }: { api: Api; liveConfig: SiteConfig | null }) {
  const editor = useConfigEditor(api, liveConfig);
  const config = editor.draft;
  if (!config) return <p className="muted">{M.config.loading}</p>;
  return (
    <div className="admin-page">
      <header className="page-head">
        <h1>{T.title}</h1>
      </header>
      <SaveBar editor={editor} />
      <section className="panel form-stack">
        <label>
          {T.siteName}
          <input
            value={config.site.name}
            onChange={(e) => editor.edit((c) => (c.site.name = e.target.value))}
          />
        </label>
        <label>
          {T.ticketHeader}
          <input
            value={config.texts.ticketHeader}
            onChange={(e) => editor.edit((c) => (c.texts.ticketHeader = e.target.value))}
          />
        </label>
        <label>
          {T.ticketFooter}
          <input
            value={config.texts.ticketFooter}
            onChange={(e) => editor.edit((c) => (c.texts.ticketFooter = e.target.value))}
          />
        </label>
        <label>
          {T.announcement}
          <input
            value={config.texts.announcement}
            onChange={(e) => editor.edit((c) => (c.texts.announcement = e.target.value))}
          />
          <small className="muted">{T.announcementHelp}</small>
        </label>
        <label>
          {T.announcementRepeat}
          <NumberInput
            value={config.texts.announcementRepeat}
            onChange={(v) => editor.edit((c) => (c.texts.announcementRepeat = v ?? 1))}
          />
        </label>
        <label>
          {T.notice}
          <textarea
            rows={3}
            value={config.site.notice}
            onChange={(e) => editor.edit((c) => (c.site.notice = e.target.value))}
          />
        </label>
        <label>
          {T.endOfDay}
          <textarea
            rows={3}
            name="endOfDay"
            value={config.texts.endOfDay}
            onChange={(e) => editor.edit((c) => (c.texts.endOfDay = e.target.value))}
          />
          <small className="muted">{T.endOfDayHelp}</small>
        </label>
      </section>
      <section className="panel form-stack">
        <h2>{T.retention}</h2>
        <p className="muted">{T.retentionHelp}</p>
        <label>
          {T.visitDays}
          <NumberInput
            value={config.retention.visitDays}
            onChange={(v) => editor.edit((c) => (c.retention.visitDays = v ?? 180))}
          />
        </label>
        <label>
          {T.auditDays}
          <NumberInput
            value={config.retention.auditDays}
            onChange={(v) => editor.edit((c) => (c.retention.auditDays = v ?? 730))}
          />
        </label>
      </section>
      <AlertsSection editor={editor} />
    </div>
  );
}
