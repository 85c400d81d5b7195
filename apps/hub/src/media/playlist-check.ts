import type { BoardContentConfig } from '@luot/domain';
import type { ConfigIssue } from '@luot/protocol';
import type { MediaStore } from '../store.ts';
import { MEDIA_MESSAGES_VI } from './messages-vi.ts';

/**
 * The problems of a new playlist's items that the current one does not have: a file the site
 * does not hold (never uploaded, deleted meanwhile, another site's) or listed as the wrong kind.
 * Items already saved are not checked again, so an unrelated change is never refused for them.
 */
export async function playlistIssues(
  media: Pick<MediaStore, 'mediaById'>,
  siteId: string,
  current: BoardContentConfig,
  next: BoardContentConfig,
): Promise<ConfigIssue[]> {
  const saved = new Set(current.playlist.map((p) => p.mediaId));
  const issues: ConfigIssue[] = [];
  for (const [i, item] of next.playlist.entries()) {
    if (saved.has(item.mediaId)) continue;
    const stored = await media.mediaById(item.mediaId);
    const path = ['board', 'playlist', i];
    if (!stored || stored.siteId !== siteId)
      issues.push({ path, message: MEDIA_MESSAGES_VI.notInStore(item.name) });
    else if (stored.kind !== item.kind)
      issues.push({ path, message: MEDIA_MESSAGES_VI.wrongKind(item.name) });
  }
  return issues;
}
