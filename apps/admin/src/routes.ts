import { M } from './messages.ts';
import { MK } from './messages-api-keys.ts';
import { MM } from './messages-media.ts';
import { MP } from './messages-planner.ts';
import { MW } from './messages-webhooks.ts';

export type PageId =
  | 'dashboard'
  | 'reports'
  | 'staffing'
  | 'fields'
  | 'counters'
  | 'desks'
  | 'users'
  | 'sessions'
  | 'devices'
  | 'texts'
  | 'calendar'
  | 'audit'
  | 'password'
  | 'priorities'
  | 'site'
  | 'province'
  | 'catalogue'
  | 'messages'
  | 'boardContent'
  | 'apiKeys'
  | 'webhooks';

export interface Route {
  id: PageId;
  /** The path after /admin/. */
  slug: string;
  label: string;
  adminOnly: boolean;
  /** Reached from elsewhere (the person's own corner), not listed in the navigation. */
  hidden?: boolean;
}

export const ROUTES: Route[] = [
  { id: 'dashboard', slug: '', label: M.nav.dashboard, adminOnly: false },
  { id: 'reports', slug: 'bao-cao', label: M.nav.reports, adminOnly: false },
  { id: 'staffing', slug: 'ke-hoach-nhan-su', label: MP.title, adminOnly: false },
  { id: 'province', slug: 'toan-tinh', label: M.nav.province, adminOnly: false },
  { id: 'fields', slug: 'linh-vuc', label: M.nav.fields, adminOnly: true },
  { id: 'counters', slug: 'quay', label: M.nav.counters, adminOnly: true },
  { id: 'desks', slug: 'ban-huong-dan', label: M.nav.desks, adminOnly: true },
  { id: 'users', slug: 'tai-khoan', label: M.nav.users, adminOnly: true },
  { id: 'sessions', slug: 'phien-dang-nhap', label: M.nav.sessions, adminOnly: true },
  { id: 'devices', slug: 'thiet-bi', label: M.nav.devices, adminOnly: true },
  { id: 'texts', slug: 'noi-dung', label: M.nav.texts, adminOnly: true },
  { id: 'boardContent', slug: 'noi-dung-man-hinh', label: MM.title, adminOnly: true },
  { id: 'messages', slug: 'tin-nhan', label: M.nav.messages, adminOnly: false },
  { id: 'priorities', slug: 'uu-tien', label: M.nav.priorities, adminOnly: true },
  { id: 'site', slug: 'trung-tam', label: M.nav.site, adminOnly: true },
  { id: 'calendar', slug: 'lich-lam-viec', label: M.nav.calendar, adminOnly: true },
  { id: 'apiKeys', slug: 'khoa-api', label: MK.title, adminOnly: true },
  { id: 'webhooks', slug: 'webhook', label: MW.title, adminOnly: true },
  { id: 'audit', slug: 'nhat-ky', label: M.nav.audit, adminOnly: true },
  { id: 'catalogue', slug: 'danh-muc', label: M.nav.catalogue, adminOnly: true },
  { id: 'password', slug: 'doi-mat-khau', label: M.nav.password, adminOnly: false, hidden: true },
];

/** The route of a location path such as /admin/bao-cao (unknown paths show the dashboard). */
export function routeOf(pathname: string): Route {
  const slug = pathname.replace(/^\/admin\/?/, '').split('/')[0] ?? '';
  return ROUTES.find((r) => r.slug === slug) ?? ROUTES[0]!;
}

/** The path of a route. */
export function pathOf(route: Route): string {
  return `/admin/${route.slug}`;
}
