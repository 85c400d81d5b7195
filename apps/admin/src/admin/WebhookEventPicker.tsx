import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@luot/protocol';
import { EVENT_GROUPS, EVENT_NAMES, MW } from '../messages-webhooks.ts';

const F = MW.form;

/**
 * The events of a subscription as grouped checkboxes with their Vietnamese names, a shortcut for
 * every event, and per group a box that ticks or clears the whole group.
 */
export function WebhookEventPicker({
  value,
  onChange,
}: {
  value: ReadonlySet<WebhookEventType>;
  onChange: (next: Set<WebhookEventType>) => void;
}) {
  const all = value.size === WEBHOOK_EVENT_TYPES.length;
  const toggle = (events: readonly WebhookEventType[], on: boolean) => {
    const next = new Set(value);
    for (const e of events)
      if (on) next.add(e);
      else next.delete(e);
    onChange(next);
  };
  return (
    <fieldset className="webhook-events" data-testid="webhook-events">
      <legend>{MW.subscriptions.events}</legend>
      <label className="check webhook-all">
        <input
          type="checkbox"
          checked={all}
          onChange={(e) => toggle(WEBHOOK_EVENT_TYPES, e.target.checked)}
        />
        <strong>{F.everyEvent}</strong>
      </label>
      <div className="webhook-groups">
        {EVENT_GROUPS.map((g) => {
          const on = g.events.filter((e) => value.has(e)).length;
          return (
            <fieldset key={g.name} className="webhook-group">
              <legend>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={on === g.events.length}
                    ref={(el) => {
                      if (el) el.indeterminate = on > 0 && on < g.events.length;
                    }}
                    onChange={(e) => toggle(g.events, e.target.checked)}
                  />
                  {g.name}
                </label>
              </legend>
              {g.events.map((e) => (
                <label key={e} className="check" data-event={e}>
                  <input
                    type="checkbox"
                    checked={value.has(e)}
                    onChange={(ev) => toggle([e], ev.target.checked)}
                  />
                  {EVENT_NAMES[e]}
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}
