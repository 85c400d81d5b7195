import { useState } from 'react';
import { browserStorage } from '../common/storage.ts';
import { rememberedSiteName } from '../common/screen-phase.ts';
import { ScreenStatus } from '../common/ScreenStatus.tsx';
import { contentLayout, rememberedBoard } from './board-memory.ts';
import { ContentZone } from './ContentZone.tsx';

/**
 * A board that boots (or reloads) while the hub is out of reach: the offline screen where the
 * calls would be, and, when this board has played content before, that content from the
 * worker's cache beside or below it. The socket keeps retrying; the live board replaces this
 * as soon as the hub answers.
 */
export function OfflineContentBoard({ hasToken }: { hasToken: boolean }) {
  const [board] = useState(() => rememberedBoard(browserStorage()));
  const [site] = useState(() => rememberedSiteName(browserStorage()));
  const layout = contentLayout(board);
  if (!board || layout === 'off') return <ScreenStatus phase="offline" hasToken={hasToken} />;
  return (
    <main
      className={`lobby lobby--content-${layout} lobby--offline-boot`}
      data-layout={layout}
      data-status="offline"
    >
      <header className="lobby__header">
        <h1 className="lobby__centre">{site}</h1>
      </header>
      <ScreenStatus phase="offline" hasToken={hasToken} inline />
      <ContentZone playlist={board.playlist} call={null} />
    </main>
  );
}
