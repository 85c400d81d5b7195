import { M } from '../messages.ts';
import type { ConfigEditor } from './use-config-editor.ts';

/** Save and reset buttons of a configuration page, with the hub's verdict under them. */
export function SaveBar({ editor }: { editor: ConfigEditor }) {
  return (
    <div className="save-bar">
      <div className="buttons">
        <button
          type="button"
          className="primary"
          data-testid="save-config"
          disabled={!editor.dirty || editor.saving}
          onClick={() => void editor.save()}
        >
          {editor.saving ? M.config.saving : M.config.save}
        </button>
        <button type="button" disabled={!editor.dirty || editor.saving} onClick={editor.reset}>
          {M.config.reset}
        </button>
        {editor.dirty && <span className="muted">{M.config.unsaved}</span>}
      </div>
      {editor.message && (
        <p className="success" role="status">
          {editor.message}
        </p>
      )}
      {editor.issues.length > 0 && (
        <div className="error" role="alert" data-testid="config-issues">
          <strong>{M.config.refused}</strong>
          <ul>
            {editor.issues.map((i, k) => (
              <li key={k}>{i.message}</li>
            ))}
          </ul>
          {editor.issues.some((i) => /người khác thay đổi/.test(i.message)) && (
            <button type="button" onClick={() => void editor.reload()}>
              {M.config.reload}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
