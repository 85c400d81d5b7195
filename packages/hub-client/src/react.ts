import { useEffect, useRef, useState } from 'react';
import type { PublicTicketView, SequencedEvent } from '@luot/protocol';
import { createQueueMirror, type MirrorView } from './mirror.ts';
import { connectHub, type HubCredential, type HubSocket } from './socket.ts';

/**
 * online: connected and in step with the hub; connecting: first attempt; offline: lost the hub
 * and retrying by itself; refused: the hub does not accept this token (unpaired or revoked).
 */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

function useSocket(url: string, token: HubCredential | null) {
  const [socket, setSocket] = useState<HubSocket | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  useEffect(() => {
    if (!token) {
      setStatus('refused');
      return;
    }
    const s = connectHub(url, token);
    setSocket(s);
    setStatus('connecting');
    s.on('connect', () => setStatus('online'));
    s.on('disconnect', (reason) => {
      // The hub dropping us on purpose means our credential no longer holds.
      setStatus(reason === 'io server disconnect' ? 'refused' : 'offline');
      if (reason === 'io server disconnect') setTimeout(() => s.connect(), 2000);
    });
    s.on('connect_error', (err) => {
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      setStatus(code === 'UNAUTHENTICATED' ? 'refused' : 'offline');
      // Socket.IO stops retrying after a middleware refusal; a re-paired device may come back,
      // and a place under the hub's socket caps may free up.
      if (code === 'UNAUTHENTICATED') setTimeout(() => s.connect(), 5000);
      if (code === 'RATE_LIMITED') setTimeout(() => s.connect(), 10_000);
    });
    return () => {
      s.removeAllListeners();
      s.disconnect();
      setSocket(null);
    };
  }, [url, token]);
  return { socket, status };
}

export interface HubMirrorOptions {
  /**
   * Called synchronously with every event as it is applied live (never for a snapshot), with
   * the view that results. Unlike `lastEvents`, it sees every event even when React merges
   * several updates into one render (a busy screen receiving calls in quick succession).
   */
  onEvents?: (applied: SequencedEvent[], view: MirrorView) => void;
}

/**
 * Connects to the hub and follows the queue: the snapshot, then every event. `view` is null
 * until the first snapshot; `lastEvents` holds the events applied by the latest change (empty
 * after a snapshot), so a screen can react to calls without re-announcing old ones. When
 * changes arrive faster than the page renders, only the latest change's events are seen
 * there; a screen that must not miss one (voice calls) passes `onEvents`.
 */
export function useHubMirror(
  url: string,
  token: HubCredential | null,
  options: HubMirrorOptions = {},
) {
  const { socket, status } = useSocket(url, token);
  const [view, setView] = useState<MirrorView | null>(null);
  const [lastEvents, setLastEvents] = useState<SequencedEvent[]>([]);
  const onEvents = useRef(options.onEvents);
  useEffect(() => {
    onEvents.current = options.onEvents;
  });
  useEffect(() => {
    if (!socket) return;
    createQueueMirror(socket, (next, applied) => {
      setView(next);
      setLastEvents(applied);
      if (applied.length > 0) onEvents.current?.(applied, next);
    });
  }, [socket]);
  return { socket, status, view, lastEvents };
}

/** The phone ticket page's live view of its own ticket. */
export function useTicketView(url: string, token: string | null) {
  const { socket, status } = useSocket(url, token);
  const [view, setView] = useState<PublicTicketView | null>(null);
  useEffect(() => {
    if (!socket) return;
    socket.on('ticket:view', (v) => setView((old) => (old && old.seq > v.seq ? old : v)));
  }, [socket]);
  return { status, view };
}
