import { siteConfigSchema, type SiteConfig } from '@luot/domain';

/** Ten procedure fields of a provincial centre, busiest first, with a share of the arrivals. */
export const SIM_FIELDS = [
  { id: 'dat-dai', name: 'Đất đai', weight: 3, serviceMinutes: 12 },
  { id: 'ho-tich', name: 'Tư pháp – Hộ tịch', weight: 2.5, serviceMinutes: 8 },
  { id: 'dang-ky-kinh-doanh', name: 'Đăng ký kinh doanh', weight: 2, serviceMinutes: 10 },
  { id: 'xay-dung', name: 'Xây dựng', weight: 1.5, serviceMinutes: 12 },
  { id: 'lao-dong', name: 'Lao động – Thương binh và Xã hội', weight: 1.2, serviceMinutes: 9 },
  { id: 'giao-thong', name: 'Giao thông vận tải', weight: 1, serviceMinutes: 7 },
  { id: 'y-te', name: 'Y tế', weight: 1, serviceMinutes: 8 },
  { id: 'tai-nguyen', name: 'Tài nguyên và Môi trường', weight: 0.8, serviceMinutes: 10 },
  { id: 'cong-thuong', name: 'Công thương', weight: 0.6, serviceMinutes: 8 },
  { id: 'giao-duc', name: 'Giáo dục và Đào tạo', weight: 0.4, serviceMinutes: 6 },
] as const;

/**
 * Counters for `total` counters over the fields, in proportion to each field's share of the
 * arrivals (at least one each); the first counter of every field also serves the field before
 * it, so some counters serve two fields.
 */
export function simCounters(
  fields: readonly { id: string; weight: number }[],
  total: number,
): { id: string; fieldIds: string[] }[] {
  if (total < fields.length)
    throw new Error(`${total} counters cannot serve ${fields.length} fields (one each at least)`);
  const weightSum = fields.reduce((s, f) => s + f.weight, 0);
  const shares = fields.map((f) => Math.max(1, Math.floor((total * f.weight) / weightSum)));
  // Hand out what rounding left to the busiest fields.
  for (let i = 0; shares.reduce((a, b) => a + b, 0) < total; i = (i + 1) % fields.length)
    shares[i]!++;
  for (
    let i = fields.length - 1;
    shares.reduce((a, b) => a + b, 0) > total;
    i = (i || fields.length) - 1
  )
    if (shares[i]! > 1) shares[i]!--;
  const counters: { id: string; fieldIds: string[] }[] = [];
  fields.forEach((f, i) => {
    for (let k = 0; k < shares[i]!; k++)
      counters.push({
        id: `q${String(counters.length + 1).padStart(3, '0')}`,
        fieldIds: k === 0 && i > 0 ? [f.id, fields[i - 1]!.id] : [f.id],
      });
  });
  return counters;
}

/**
 * An IANA zone ("Etc/GMT-N", which means UTC+N) in which it is around midday at `now`, so a
 * run of a few minutes never crosses the site's midnight (when the hub rolls the service day).
 */
export function middayTimeZone(now: number): string {
  const utcHours = new Date(now).getUTCHours() + new Date(now).getUTCMinutes() / 60;
  const offset = Math.max(-11, Math.min(12, Math.round(12 - utcHours)));
  if (offset === 0) return 'UTC';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/**
 * A generated centre for the simulator: the ten fields above (each issuing around the clock and every day,
 * no daily limit, 4-digit numbers with a letter prefix) and `counters` counters.
 */
export function simSiteConfig(options: { counters: number; timeZone: string }): SiteConfig {
  return siteConfigSchema.parse({
    site: { name: 'Trung tâm mô phỏng', timeZone: options.timeZone },
    fields: SIM_FIELDS.map((f, i) => ({
      id: f.id,
      name: f.name,
      numbering: { prefix: String.fromCharCode(65 + i), start: 1, digits: 4 },
      sessions: [{ from: '00:00', to: '23:59' }],
      defaultServiceMinutes: f.serviceMinutes,
      kioskOrder: i,
    })),
    counters: simCounters(SIM_FIELDS, options.counters).map((c, i) => ({
      ...c,
      number: i + 1,
      name: `Quầy ${i + 1}`,
    })),
    priorityClasses: [{ id: 'nguoi-cao-tuoi', name: 'Người cao tuổi' }],
    // Around the clock means every day of the week too, so a run on a Sunday still issues.
    calendar: { workingDays: [0, 1, 2, 3, 4, 5, 6] },
  });
}
