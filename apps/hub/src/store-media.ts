// The lobby board's pictures and videos (issue 15): part of the store port (`ProvinceStore`
// extends it). The bytes live in the store itself (a BLOB in the SQLite file, so a backup holds
// them; bytea on PostgreSQL, so every node of a province serves the same files).
import type { MediaItem } from '@luot/protocol';

/** A file handed to the store: its listing and its bytes. */
export interface NewMedia extends MediaItem {
  siteId: string;
  data: Uint8Array;
}

/** A stored file's listing and the site it belongs to (a board asks by id alone). */
export interface StoredMedia extends MediaItem {
  siteId: string;
}

/** Bytes `start` to `end`, both included (an HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface MediaStore {
  /**
   * Stores a file unless the site's files would then pass `siteLimit` bytes, the sum and the
   * insert in ONE transaction (two uploads at once on two nodes cannot both slip under the
   * limit). Resolves false, storing nothing, when over.
   */
  addMedia(media: NewMedia, siteLimit: number): Promise<boolean>;
  /** A site's files, newest first (no bytes). */
  listMedia(siteId: string): Promise<MediaItem[]>;
  /** A file's listing by id, at whichever site, or null. */
  mediaById(id: string): Promise<StoredMedia | null>;
  /** A file's bytes, or only `range` of them; null for an unknown id. */
  readMedia(id: string, range?: ByteRange): Promise<Buffer | null>;
  /** Removes a site's file; false when the site has no such file. */
  removeMedia(siteId: string, id: string): Promise<boolean>;
  /** The bytes a site's files take together. */
  mediaBytes(siteId: string): Promise<number>;
}
