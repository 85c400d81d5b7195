import type { ReactNode } from 'react';
import { CITIZEN_TEXT as T } from '../messages.ts';
import { refusalText, type Refusal } from './citizen-model.ts';

/** "Đang tải…" where the answer will be. */
export function Loading() {
  return (
    <p className="cz-loading" role="status" data-testid="cz-loading">
      {T.loading}
    </p>
  );
}

/**
 * A refusal, in words: the network's (offline) with a retry button, the hub's with its reason.
 * `text` overrides the wording (a limit the page can name).
 */
export function Problem({
  refusal,
  text,
  onRetry,
  children,
}: {
  refusal: Refusal;
  text?: string;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  // The network's own failure carries no message; the hub's UNAVAILABLE (a code not sent) does.
  const offline = refusal.code === 'UNAVAILABLE' && !refusal.message;
  return (
    <div
      className="cz-problem"
      role="alert"
      data-testid="cz-problem"
      data-code={refusal.code}
      data-kind={offline ? 'offline' : 'refused'}
    >
      <p>{text ?? (offline ? T.offline : refusalText(refusal))}</p>
      {(onRetry || children) && (
        <div className="cz-problem__actions">
          {onRetry && (
            <button type="button" className="cz-button cz-button--secondary" onClick={onRetry}>
              {T.retry}
            </button>
          )}
          {children}
        </div>
      )}
    </div>
  );
}
