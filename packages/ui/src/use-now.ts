import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs`, shifted by the hub's clock offset. */
export function useNow(intervalMs = 1000, offsetMs = 0): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const id = setInterval(() => setNow(Date.now() + offsetMs), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, offsetMs]);
  return now;
}
