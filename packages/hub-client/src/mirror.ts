import { evolve, type QueueState } from '@luot/domain';
import type { Identity, SequencedEvent, Snapshot } from '@luot/protocol';
import type { HubSocket } from './socket.ts';

export interface MirrorView {
  state: QueueState;
  seq: number;
  you: Identity;
  /** Hub time minus local time at the last snapshot, so screens can show the hub's clock. */
  clockOffsetMs: number;
}

/**
 * Follows the hub's queue on a client: takes the snapshot, then folds each event through the
 * domain's `evolve`. When an event's sequence number is not the next one, the mirror asks for a
 * fresh snapshot instead of guessing. `onChange` gets every new view and the events applied.
 */
export function createQueueMirror(
  socket: HubSocket,
  onChange: (view: MirrorView, applied: SequencedEvent[]) => void,
  now: () => number = Date.now,
) {
  let view: MirrorView | null = null;
  let resyncing = false;

  const takeSnapshot = (s: Snapshot) => {
    view = { state: s.state, seq: s.seq, you: s.you, clockOffsetMs: s.serverTime - now() };
    resyncing = false;
    onChange(view, []);
  };

  const resync = () => {
    if (resyncing) return;
    resyncing = true;
    socket.emit('sync:snapshot', {}, (ack) => {
      if (ack.ok) takeSnapshot(ack.data);
      else resyncing = false;
    });
  };

  socket.on('snapshot', takeSnapshot);
  socket.on('event', (e) => {
    if (!view || resyncing) return;
    if (e.seq <= view.seq) return; // already in the snapshot
    if (e.seq !== view.seq + 1) return resync();
    view = { ...view, state: evolve(view.state, e.event), seq: e.seq };
    onChange(view, [e]);
  });

  return {
    get view(): MirrorView | null {
      return view;
    },
    resync,
  };
}
