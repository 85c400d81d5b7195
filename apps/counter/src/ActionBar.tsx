import { ACTIONS, SHORTCUTS, type Action } from './counter-view.ts';
import { MSG } from './messages.ts';

/**
 * One button per action, each showing its shortcut key. Unavailable actions are marked
 * aria-disabled rather than disabled, so keyboard focus stays put and a press says why.
 */
export function ActionBar({
  enabled,
  paused,
  onAction,
}: {
  enabled: Record<Action, boolean>;
  paused: boolean;
  onAction: (action: Action) => void;
}) {
  const label = (a: Action) =>
    a === 'pauseResume' ? (paused ? MSG.actions.resume : MSG.actions.pause) : MSG.actions[a];
  return (
    <div className="actions" role="group" aria-label={MSG.actions.group}>
      {ACTIONS.map((a) => (
        <button
          key={a}
          type="button"
          className={`action action-${a}`}
          data-action={a}
          aria-disabled={!enabled[a]}
          aria-keyshortcuts={SHORTCUTS[a]}
          onClick={() => onAction(a)}
        >
          <kbd>{SHORTCUTS[a]}</kbd>
          <span>{label(a)}</span>
        </button>
      ))}
    </div>
  );
}
