import { z } from 'zod';

/** An uploaded picture or video's id (`MediaItem.id` in @luot/protocol): 32 hex digits. */
export const mediaIdSchema = z.string().regex(/^[0-9a-f]{32}$/, '32 hex digits');

/** One item of the lobby board's playlist: a picture shown `seconds`, or a video played through. */
export const playlistItemSchema = z.strictObject({
  mediaId: mediaIdSchema,
  kind: z.enum(['image', 'video']),
  /** Shown in the admin app; the file's name when uploaded. */
  name: z.string().trim().min(1).max(120),
  /** How long a picture stays; a video plays to its end but at most this long. */
  seconds: z.number().int().min(3).max(600).default(10),
});

/**
 * The lobby board's content zone: `off` shows calls only; `side` and `bottom` give the centre's
 * playlist a zone of the board beside or below the calls. Calls always take precedence: the
 * content pauses and shrinks while a call is announced.
 */
export const boardContentSchema = z
  .strictObject({
    layout: z.enum(['off', 'side', 'bottom']).default('off'),
    playlist: z.array(playlistItemSchema).max(100).default([]),
  })
  .prefault({});

export type PlaylistItem = z.infer<typeof playlistItemSchema>;
export type BoardContentConfig = z.infer<typeof boardContentSchema>;
