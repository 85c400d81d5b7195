import { z } from 'zod';

/**
 * Names `Object.prototype` answers to (`constructor`, `toString`, `__proto__`, …): never an id,
 * so a lookup by id cannot reach them even where a record is read without `own`.
 */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Ids the hub makes and configures: letters, digits, `-` and `_`, 1–64, starting with a letter or digit. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The one id rule: ticket, counter, field and priority-class ids in payloads and configuration. */
export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value) && !PROTOTYPE_NAMES.has(value);
}

export const idSchema = z
  .string()
  .refine(isValidId, 'Mã không hợp lệ: chữ, số, "-" hoặc "_", tối đa 64 ký tự.');

/** Whether `value` is a day that exists in the calendar, as "YYYY-MM-DD" (2026-02-29 does not). */
export function isCalendarDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** The one rule for a day that comes in as "YYYY-MM-DD". */
export const calendarDaySchema = z
  .string()
  .refine(isCalendarDay, 'Ngày phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2026-11-30).');
