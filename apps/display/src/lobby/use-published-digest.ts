import { useEffect, useState } from 'react';
import type { PublishedDigest } from '@luot/protocol';
import { request, type HubSocket } from '@luot/hub-client';

/**
 * When the board asks again after (re)connecting or a new service day, in ms: at once, then a
 * few times soon (the day is sealed at the rollover, just after the new day begins), then now
 * and then, so a code sealed late (a hub that was off at midnight) still shows within minutes.
 */
export const DIGEST_ASK_AFTER_MS = [0, 3_000, 10_000, 30_000];
export const DIGEST_ASK_EVERY_MS = 5 * 60_000;

/**
 * The log's previous sealed day and its code, as the hub publishes it to lobby boards
 * (`board:digest`): asked on every (re)connect and every new service day, so it stays right
 * across a hub restart and a new seal. Keeps the last answer while the hub cannot be asked.
 */
export function usePublishedDigest(
  socket: HubSocket | null,
  online: boolean,
  day: string | null,
): PublishedDigest | null {
  const [digest, setDigest] = useState<PublishedDigest | null>(null);
  useEffect(() => {
    if (!socket || !online || !day) return;
    let stopped = false;
    const ask = async () => {
      const answer = await request(socket, 'board:digest', {});
      // A refusal or a lost answer keeps what the board shows; only a real answer changes it.
      if (!stopped && answer.ok) setDigest(answer.data);
    };
    const timers = DIGEST_ASK_AFTER_MS.map((ms) => setTimeout(() => void ask(), ms));
    const every = setInterval(() => void ask(), DIGEST_ASK_EVERY_MS);
    return () => {
      stopped = true;
      timers.forEach(clearTimeout);
      clearInterval(every);
    };
  }, [socket, online, day]);
  // A code of a day not before the board's service day is never shown as "the previous day's".
  return digest && day && digest.day < day ? digest : null;
}
