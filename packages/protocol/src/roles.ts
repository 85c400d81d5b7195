import type { Audience } from '@luot/domain';

/** Who is on the other end of a socket. Devices are paired; people sign in; the public holds a ticket link. */
export const ROLES = [
  'kiosk',
  'display',
  'rating',
  'clerk',
  'supervisor',
  'admin',
  'public',
] as const;
export type Role = (typeof ROLES)[number];

export const DEVICE_KINDS = ['kiosk', 'display', 'rating'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const USER_ROLES = ['clerk', 'supervisor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** What the hub knows about the sender of an event; it never comes from the payload. */
export type Identity =
  | { role: 'clerk'; username: string; name: string; counterId: string }
  | { role: 'supervisor' | 'admin'; username: string; name: string }
  | { role: DeviceKind; deviceId: string; name: string; counterId: string | null; speaks: boolean }
  | { role: 'public'; ticketId: string };

/**
 * Which view of the queue an identity gets (`stateFor` / `eventFor` in @luot/domain): devices in
 * the hall see no free-text reasons and no usernames; clerks no reasons; supervisors and admins
 * everything. A phone page (`public`) gets only its own ticket's view, never the queue.
 */
export function audienceOf(identity: Identity): Audience {
  switch (identity.role) {
    case 'supervisor':
    case 'admin':
      return 'staff';
    case 'clerk':
      return 'clerk';
    case 'kiosk':
    case 'display':
    case 'rating':
    case 'public':
      return 'device';
  }
}
