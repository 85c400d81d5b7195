import { z } from 'zod';
import type { Audience } from '@luot/domain';

/** Who is on the other end of a socket. Devices are paired; people sign in; the public holds a ticket link. */
export const ROLES = [
  'kiosk',
  'display',
  'rating',
  'clerk',
  'guide',
  'supervisor',
  'admin',
  'public',
] as const;
export type Role = (typeof ROLES)[number];

export const DEVICE_KINDS = ['kiosk', 'display', 'rating'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** A site's id, e.g. "xa-tan-phu" (a hub of one site: "trung-tam"). */
export const siteIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

/** People's roles: a guide ("hướng dẫn") works at a reception desk, issuing numbers for citizens. */
export const USER_ROLES = ['clerk', 'guide', 'supervisor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * What the hub knows about the sender of an event; it never comes from the payload. Every
 * sender acts at one site: a device's is where it was paired, a person's where they signed in,
 * a phone page's its ticket's.
 */
export type Identity =
  | { role: 'clerk'; siteId: string; username: string; name: string; counterId: string }
  | { role: 'guide'; siteId: string; username: string; name: string; deskId: string }
  | { role: 'supervisor' | 'admin'; siteId: string; username: string; name: string }
  | {
      role: DeviceKind;
      siteId: string;
      deviceId: string;
      name: string;
      counterId: string | null;
      speaks: boolean;
    }
  | { role: 'public'; siteId: string; ticketId: string };

/**
 * Which view of the queue an identity gets (`stateFor` / `eventFor` in @luot/domain): devices in
 * the hall see no free-text reasons and no usernames; clerks no reasons; supervisors and admins
 * everything. A guide at a desk sees what a clerk sees. A phone page (`public`) gets only its own ticket's view, never the queue.
 */
export function audienceOf(identity: Identity): Audience {
  switch (identity.role) {
    case 'supervisor':
    case 'admin':
      return 'staff';
    case 'clerk':
    case 'guide':
      return 'clerk';
    case 'kiosk':
    case 'display':
    case 'rating':
    case 'public':
      return 'device';
  }
}
