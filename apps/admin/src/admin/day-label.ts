import { weekdayOf } from '@luot/domain';
import { dayVi } from '@luot/protocol';
import { M } from '../messages.ts';

/** A calendar day as the admin reads it: "Thứ Hai, 02/09/2027". */
export function dayLabel(day: string): string {
  return `${M.calendar.weekdayNames[weekdayOf(day)]}, ${dayVi(day)}`;
}
