import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import type { PlaylistItem, SiteConfig } from '@luot/domain';
import type { MediaItem, MediaList } from '@luot/protocol';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';
import { MM } from '../messages-media.ts';
import { MediaLibrary, MediaThumb } from './MediaLibrary.tsx';
import { NumberInput } from './inputs.tsx';
import { SaveBar } from './SaveBar.tsx';
import { useConfigEditor } from './use-config-editor.ts';
import './board-content.css';

const P = MM.playlist;
const LAYOUTS = ['off', 'side', 'bottom'] as const;
/** As `boardContentSchema` allows. */
const MAX_ITEMS = 100;
/** A picture's time when added; a video's longest play (it stops at its end if sooner). */
const DEFAULT_SECONDS = { image: 10, video: 120 } as const;

/**
 * "Nội dung màn hình": the lobby board's content zone (layout) and its playlist, saved with the
 * site configuration (`board`), and the files uploaded to the hub that the playlist draws on.
 */
export function BoardContentPage({ api, liveConfig }: { api: Api; liveConfig: SiteConfig | null }) {
  const editor = useConfigEditor(api, liveConfig);
  const [list, setList] = useState<MediaList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const res = await api.get<MediaList>('/api/admin/media');
    if (res.ok) {
      setList(res.data);
      setLoadError(null);
    } else setLoadError(res.error.message || MM.library.loadFailed);
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const config = editor.draft;
  if (!config) return <p className="muted">{M.config.loading}</p>;
  const { board } = config;
  const byId = new Map((list?.items ?? []).map((m) => [m.id, m]));

  const move = (from: number, by: -1 | 1) => {
    const to = from + by;
    if (to < 0 || to >= board.playlist.length) return;
    editor.edit((c) => {
      const [item] = c.board.playlist.splice(from, 1);
      c.board.playlist.splice(to, 0, item!);
    });
    // Focus follows the moved item, so the keyboard can keep moving it.
    requestAnimationFrame(() => {
      const row = document.querySelector<HTMLElement>(`[data-playlist-row="${to}"]`);
      const same = row?.querySelector<HTMLButtonElement>(`[data-move="${by}"]:not(:disabled)`);
      (same ?? row?.querySelector<HTMLButtonElement>('[data-move]:not(:disabled)'))?.focus();
    });
  };
  const onRowKey = (i: number) => (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(i, e.key === 'ArrowUp' ? -1 : 1);
  };
  const add = (item: MediaItem) =>
    editor.edit((c) =>
      c.board.playlist.push({
        mediaId: item.id,
        kind: item.kind,
        name: item.name,
        seconds: DEFAULT_SECONDS[item.kind],
      } satisfies PlaylistItem),
    );

  return (
    <div className="admin-page board-content">
      <header className="page-head">
        <h1>{MM.title}</h1>
      </header>
      <p className="muted">{MM.intro}</p>
      <SaveBar editor={editor} />

      <section className="panel form-stack">
        <fieldset className="layout-choice" data-testid="board-layout">
          <legend>{MM.layout.legend}</legend>
          {LAYOUTS.map((layout) => (
            <label key={layout} className={`layout-option layout-option--${layout}`}>
              <input
                type="radio"
                name="board-layout"
                value={layout}
                checked={board.layout === layout}
                onChange={() => editor.edit((c) => (c.board.layout = layout))}
              />
              <span className="layout-sketch" aria-hidden="true">
                <i className="calls" />
                {layout !== 'off' && <i className="zone" />}
              </span>
              <span>
                <strong>{MM.layout[layout]}</strong>
                <small className="muted">{MM.layout[`${layout}Help`]}</small>
              </span>
            </label>
          ))}
        </fieldset>
      </section>

      <section className="panel form-stack" aria-labelledby="playlist-title">
        <h2 id="playlist-title">{P.title}</h2>
        <p className="muted">{P.help}</p>
        {board.layout === 'off' && board.playlist.length > 0 && (
          <p className="notice">{P.offNote}</p>
        )}
        {board.playlist.length === 0 ? (
          <p className="muted">{P.empty}</p>
        ) : (
          <table className="data playlist" data-testid="playlist">
            <thead>
              <tr>
                <th>{P.order}</th>
                <th colSpan={2}>{P.file}</th>
                <th>{P.seconds}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {board.playlist.map((p, i) => {
                const media = byId.get(p.mediaId) ?? null;
                // Keyed by the file and its occurrence, not the position: a moved row keeps its
                // DOM node, so the focus stays on it.
                const nth = board.playlist
                  .slice(0, i)
                  .filter((q) => q.mediaId === p.mediaId).length;
                return (
                  <tr key={`${p.mediaId}-${nth}`} data-playlist-row={i} onKeyDown={onRowKey(i)}>
                    <td className="order">
                      <div>
                        <span className="position">{i + 1}</span>
                        <button
                          type="button"
                          data-move={-1}
                          aria-label={P.up(p.name)}
                          aria-keyshortcuts="Alt+ArrowUp"
                          disabled={i === 0}
                          onClick={() => move(i, -1)}
                        >
                          ▲
                        </button>
                        <button
                          type="button"
                          data-move={1}
                          aria-label={P.down(p.name)}
                          aria-keyshortcuts="Alt+ArrowDown"
                          disabled={i === board.playlist.length - 1}
                          onClick={() => move(i, 1)}
                        >
                          ▼
                        </button>
                      </div>
                    </td>
                    <td>
                      <MediaThumb item={media} />
                    </td>
                    <td className="media-name">
                      {p.name}
                      <small className="muted">
                        {' · '}
                        {p.kind === 'image' ? MM.library.image : MM.library.video}
                        {list && !media && ` · ${P.missing}`}
                      </small>
                    </td>
                    <td>
                      <span className="seconds">
                        <span aria-hidden="true">
                          {p.kind === 'image' ? P.imageSeconds : P.videoSeconds}
                        </span>
                        <NumberInput
                          label={P.secondsOf(p.name)}
                          value={p.seconds}
                          onChange={(v) =>
                            editor.edit((c) => (c.board.playlist[i]!.seconds = v ?? 0))
                          }
                        />
                      </span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="danger"
                        aria-label={P.remove(p.name)}
                        onClick={() => editor.edit((c) => c.board.playlist.splice(i, 1))}
                      >
                        {P.removeShort}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {board.playlist.length >= MAX_ITEMS && <p className="muted">{P.full}</p>}
      </section>

      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      {list && (
        <MediaLibrary
          api={api}
          list={list}
          timeZone={config.site.timeZone}
          inPlaylist={new Set(board.playlist.map((p) => p.mediaId))}
          canAdd={board.playlist.length < MAX_ITEMS}
          onAdd={add}
          reload={reload}
        />
      )}
    </div>
  );
}
