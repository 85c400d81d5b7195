import type { Ack } from '@luot/protocol';

/** The reason the kiosk gives when it takes back a number whose answer it never heard. */
export const LOST_ANSWER_REASON = 'Mất kết nối khi lấy số';

interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Issue requests the hub may have carried out without the kiosk hearing back: the citizen was
 * told no number was issued, so any number the hub did issue is held by nobody. Kept in
 * storage so a kiosk that restarts still takes them back.
 */
export function createUnansweredIssues(storage: KeyValueStorage, key = 'luot.kiosk.unanswered') {
  const read = (): string[] => {
    try {
      const value: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  };
  const write = (ids: string[]) => storage.setItem(key, JSON.stringify(ids.slice(-50)));
  return {
    add(requestId: string): void {
      write([...read().filter((id) => id !== requestId), requestId]);
    },
    list: read,
    /**
     * Asks the hub to take back each request's number. A request the hub answered (taken back,
     * never issued, or already called so someone is at a counter with it) is forgotten; one
     * the hub could not be asked about stays for the next connection.
     */
    async settle(abandon: (requestId: string) => Promise<Ack<unknown>>): Promise<void> {
      for (const requestId of read()) {
        const ack = await abandon(requestId);
        if (ack.ok || ack.error.code !== 'UNAVAILABLE')
          write(read().filter((id) => id !== requestId));
      }
    },
  };
}

/**
 * A fresh request id for one confirmation: 128 random bits as hex. (getRandomValues, unlike
 * randomUUID, also works on a page served over plain http from the hub's LAN address.)
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
