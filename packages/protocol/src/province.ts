import { z } from 'zod';
import {
  calendarDaySchema,
  catalogueCodeSchema,
  isTimeZone,
  type SiteOverview,
} from '@luot/domain';
import { REPORT_GROUPINGS, type Report } from './reports.ts';
import { siteIdSchema, type UserRole } from './roles.ts';

// HTTP shapes of the province's own views (/api/province/…): every site at once, reports across
// sites, the catalogue of fields, adding a site. Who may see what: `provinceReach`.

/** One field of the province's standard list, e.g. { code: "HT", name: "Hộ tịch" }. */
export const catalogueEntrySchema = z.strictObject({
  code: catalogueCodeSchema,
  name: z.string().trim().min(1, 'Tên lĩnh vực không được để trống.').max(120),
});
export type CatalogueEntry = z.output<typeof catalogueEntrySchema>;

/** Body of PUT /api/province/catalogue: the whole list, each code once. */
export const catalogueSchema = z
  .array(catalogueEntrySchema)
  .max(500)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(e.code))
        ctx.addIssue({ code: 'custom', message: `Mã "${e.code}" xuất hiện hai lần.` });
      seen.add(e.code);
    }
  });

/** Body of POST /api/province/sites: the new site's id, name and time zone. */
export const newSiteSchema = z.strictObject({
  id: siteIdSchema,
  name: z.string().trim().min(1).max(200),
  timeZone: z.string().default('Asia/Ho_Chi_Minh').refine(isTimeZone, 'Múi giờ không hợp lệ.'),
});
export type NewSite = z.output<typeof newSiteSchema>;

export const PROVINCE_GROUPINGS = ['site', ...REPORT_GROUPINGS] as const;
export type ProvinceGrouping = (typeof PROVINCE_GROUPINGS)[number];

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;

/** Query of GET /api/province/report. */
export const provinceReportQuerySchema = z
  .strictObject({
    from: calendarDaySchema,
    to: calendarDaySchema,
    groupBy: z.enum(PROVINCE_GROUPINGS, 'Cách nhóm không hợp lệ.').default('site'),
    format: z.enum(REPORT_FORMATS, 'Định dạng không hợp lệ.').default('json'),
  })
  .refine((q) => q.from <= q.to, 'Ngày bắt đầu không được sau ngày kết thúc.');
export type ProvinceReportQuery = z.output<typeof provinceReportQuerySchema>;

/**
 * A report across sites: the sites' reports added up (row shapes as a site's `Report`). Fields
 * are matched across sites by their catalogue code; counters and clerks are qualified by their
 * site. Medians and P90 cannot be added up: a row made of more than one site's figures has them
 * null (its mean, counts and shares are exact).
 */
export interface ProvinceReport extends Omit<Report, 'groupBy'> {
  groupBy: ProvinceGrouping;
  /** The sites it covers, in the order of their rows when grouped by site. */
  sites: { id: string; name: string }[];
}

/** One site in GET /api/province/overview. */
export interface ProvinceSite extends SiteOverview {
  id: string;
}

/** GET /api/province/overview: every site the person may see, worst first. */
export interface ProvinceOverview {
  serverTime: number;
  /** The person is a province administrator: may add sites and edit the catalogue. */
  canManage: boolean;
  sites: ProvinceSite[];
}

/**
 * Which sites a person reaches through the province views: their sites for a supervisor or
 * admin (every site when they belong to all, `sites: null`), none (null) for a clerk.
 */
export function provinceReach(person: {
  role: UserRole;
  sites: readonly string[] | null;
}): 'all' | readonly string[] | null {
  if (person.role === 'clerk') return null;
  return person.sites ?? 'all';
}

/** A province administrator (an admin of every site): adds sites, edits the catalogue. */
export function isProvinceAdmin(person: {
  role: UserRole;
  sites: readonly string[] | null;
}): boolean {
  return person.role === 'admin' && person.sites === null;
}
