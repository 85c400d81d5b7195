import { useEffect, useState } from 'react';
import type { PublicTicketView, SequencedEvent } from '@luot/protocol';
import { createQueueMirror, type MirrorView } from './mirror.ts';
import { connectHub, type HubSocket } from './socket.ts';

/**
 * online: connected and in step with the hub; connecting: first attempt; offline: lost the hub
 * and retrying by itself; refused: the hub does not accept this token (unpaired or revoked).
 */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

function useSocket(url: string, token: string | null) {
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
      // Socket.IO stops retrying after a middleware refusal; a re-paired device may come back.
      if (code === 'UNAUTHENTICATED') setTimeout(() => s.connect(), 5000);
    });
    return () => {
      s.removeAllListeners();
      s.disconnect();
      setSocket(null);
    };
  }, [url, token]);
  return { socket, status };
}

/**
 * Connects to the hub and follows the queue: the snapshot, then every event. `view` is null
 * until the first snapshot; `lastEvents` holds the events applied by the latest change (empty
 * after a snapshot), so a screen can react to calls without re-announcing old ones.
 */
export function useHubMirror(url: string, token: string | null) {
  const { socket, status } = useSocket(url, token);
  const [view, setView] = useState<MirrorView | null>(null);
  const [lastEvents, setLastEvents] = useState<SequencedEvent[]>([]);
  useEffect(() => {
    if (!socket) return;
    createQueueMirror(socket, (next, applied) => {
      setView(next);
      setLastEvents(applied);
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
