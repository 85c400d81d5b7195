import {
  fieldWaitMinutes,
  fieldAvailability,
  waitingCounts,
  type FieldAvailability,
  type FieldConfig,
  type QueueState,
} from '@luot/domain';
import { closedLineVi } from '@luot/ui';

export interface FieldTile {
  field: FieldConfig;
  waiting: number;
  /** Minutes a ticket taken now would wait; null when no counter is open for the field. */
  waitMinutes: number | null;
  availability: FieldAvailability;
  /** Outside hours, when issuing reopens ("Mở lại lúc 13:30", a holiday's name first); else null. */
  reopening: string | null;
}

/** The kiosk's field buttons: in kiosk order (then name), with queue length, wait and whether open now. */
export function fieldTiles(state: QueueState, hubNow: number): FieldTile[] {
  const counts = waitingCounts(state);
  return [...state.config.fields]
    .sort((a, b) => a.kioskOrder - b.kioskOrder || a.name.localeCompare(b.name, 'vi'))
    .map((field) => {
      const waiting = counts[field.id] ?? 0;
      const availability = fieldAvailability(state, field.id, hubNow);
      return {
        field,
        waiting,
        waitMinutes: fieldWaitMinutes(state, field.id, waiting, hubNow),
        availability,
        reopening:
          availability === 'OUTSIDE_HOURS' ? closedLineVi(state.config, field.id, hubNow) : null,
      };
    });
}

/** A field's issuing hours as people read them: "07:30–11:30, 13:30–17:00". */
export function issuingHours(field: FieldConfig): string {
  return field.sessions.map((s) => `${s.from}–${s.to}`).join(', ');
}
