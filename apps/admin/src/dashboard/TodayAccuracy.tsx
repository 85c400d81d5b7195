import { useEffect, useState } from 'react';
import type { Report } from '@luot/protocol';
import type { Api } from '../api.ts';
import { MA } from '../messages-accuracy.ts';
import { AccuracyPanel } from '../reports/AccuracyPanel.tsx';

/** How often the dashboard asks for today's figures again. */
const REFRESH_MS = 60_000;

/**
 * Today's accuracy of promised waits, per field, on the supervisor's dashboard: today's report
 * (the one rule, computed by the hub), asked again every minute and whenever the day changes.
 */
export function TodayAccuracy({ api, day }: { api: Api; day: string }) {
  const [accuracy, setAccuracy] = useState<Report['estimateAccuracy'] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const res = await api.get<Report>(`/api/reports?from=${day}&to=${day}&groupBy=field`);
      if (!live) return;
      setFailed(!res.ok);
      if (res.ok) setAccuracy(res.data.estimateAccuracy);
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, day]);
  if (!accuracy)
    return (
      <section className="panel" data-testid="estimate-accuracy">
        <h2>{MA.todayTitle}</h2>
        <p className="muted">{failed ? MA.failed : MA.loading}</p>
      </section>
    );
  return <AccuracyPanel accuracy={accuracy} title={MA.todayTitle} compact />;
}
