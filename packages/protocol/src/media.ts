// The lobby board's pictures and videos: uploaded by admins to the hub, kept in the store, listed
// in the site configuration's `board.playlist`, fetched and cached by the boards.
import type { PlaylistItem } from '@luot/domain';

/** The types the hub accepts, recognised by the file's first bytes (never by its name or header). */
export const MEDIA_TYPES = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/webp': 'image',
  'video/mp4': 'video',
  'video/webm': 'video',
} as const satisfies Record<string, PlaylistItem['kind']>;
export type MediaType = keyof typeof MEDIA_TYPES;

/** The largest file accepted, and the most a site may keep. */
export const MEDIA_LIMITS = { fileBytes: 50 * 1024 * 1024, siteBytes: 500 * 1024 * 1024 } as const;

/**
 * An uploaded file. Routes (staff listener):
 * - `POST /api/admin/media` (admin): the raw file as the body, its name in the `x-file-name`
 *   header (URI-encoded); answers the new `MediaItem`. Refused with UNSUPPORTED_MEDIA_TYPE when
 *   the bytes are not one of `MEDIA_TYPES`, PAYLOAD_TOO_LARGE past `MEDIA_LIMITS`.
 * - `GET /api/admin/media` (supervisor, admin): the site's files, newest first.
 * - `DELETE /api/admin/media/:id` (admin): refused with INVALID_STATE while the playlist uses it.
 * - `GET /media/:id`: the bytes, for boards (immutable: a changed file is a new id; Range works).
 */
export interface MediaItem {
  /** 32 hex digits (`mediaIdSchema` in @luot/domain). */
  id: string;
  name: string;
  kind: PlaylistItem['kind'];
  type: MediaType;
  bytes: number;
  uploadedAt: number;
  uploadedBy: string;
}

/** `GET /api/admin/media`: the site's files, and the room they take against the limits. */
export interface MediaList {
  items: MediaItem[];
  /** What the site's files take together, in bytes. */
  usedBytes: number;
  limits: { fileBytes: number; siteBytes: number };
}

/** Where a board fetches a file. */
export function mediaPath(id: string): string {
  return `/media/${id}`;
}
