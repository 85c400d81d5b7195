import { formatTimeVi } from '@luot/ui';
import { messages } from './messages.ts';

/** The attract screen shown when nobody has touched the kiosk for a while. */
export function IdleScreen({
  centreName,
  now,
  timeZone,
  onWake,
}: {
  centreName: string;
  now: number;
  timeZone: string;
  onWake: () => void;
}) {
  return (
    <button type="button" className="screen idle" data-screen="idle" onClick={onWake}>
      <span className="idle-centre">{centreName}</span>
      <span className="idle-clock">{formatTimeVi(now, timeZone)}</span>
      <span className="idle-date">{messages.date(now, timeZone)}</span>
      <span className="idle-title">{messages.idleTitle}</span>
      <span className="idle-pulse" aria-hidden="true" />
    </button>
  );
}
