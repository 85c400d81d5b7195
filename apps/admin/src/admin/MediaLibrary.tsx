import { useRef, useState, type DragEvent } from 'react';
import type { MediaItem, MediaList } from '@luot/protocol';
import { formatDateVi, formatTimeVi } from '@luot/ui';
import type { Api } from '../api.ts';
import { MM, sizeVi } from '../messages-media.ts';
import { hubUrl } from '../session.ts';

const L = MM.library;
/** What the file picker offers (the hub decides by the file's bytes, whatever it is called). */
const ACCEPT = 'image/png,image/jpeg,image/webp,video/mp4,video/webm';

/** A small picture of a file: the image itself, or a video sign. */
export function MediaThumb({
  item,
  size = 'small',
}: {
  item: MediaItem | null;
  size?: 'small' | 'large';
}) {
  if (!item)
    return (
      <span
        className={`media-thumb media-thumb--${size} media-thumb--missing`}
        aria-hidden="true"
      />
    );
  return item.kind === 'image' ? (
    <img
      className={`media-thumb media-thumb--${size}`}
      src={`${hubUrl()}/media/${item.id}`}
      alt=""
      loading="lazy"
    />
  ) : (
    <span className={`media-thumb media-thumb--${size} media-thumb--video`} aria-hidden="true">
      <svg viewBox="0 0 24 24" width="40%" height="40%">
        <path d="M8 5v14l11-7z" fill="currentColor" />
      </svg>
    </span>
  );
}

/**
 * The site's uploaded files: upload by picker or drag and drop (one at a time, the hub's
 * refusal shown for each), the list with thumbnails, size and name, add to the playlist, delete.
 */
export function MediaLibrary({
  api,
  list,
  timeZone,
  inPlaylist,
  canAdd,
  onAdd,
  reload,
}: {
  api: Api;
  list: MediaList;
  timeZone: string;
  inPlaylist: Set<string>;
  canAdd: boolean;
  onAdd: (item: MediaItem) => void;
  reload: () => Promise<void>;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<string[]>([]);
  const [over, setOver] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  async function upload(files: File[]) {
    setRefusals([]);
    setDone(null);
    const refused: string[] = [];
    let last: string | null = null;
    for (const file of files) {
      // Not sent at all when it cannot fit (the hub would refuse it after the whole upload).
      if (file.size > list.limits.fileBytes) {
        refused.push(L.refused(file.name, L.tooLarge(sizeVi(list.limits.fileBytes))));
        continue;
      }
      setBusy(file.name);
      const res = await api.upload<MediaItem>('/api/admin/media', file);
      if (res.ok) last = res.data.name;
      else refused.push(L.refused(file.name, res.error.message));
    }
    setBusy(null);
    setRefusals(refused);
    if (last) setDone(L.uploaded(last));
    await reload();
  }

  async function remove(item: MediaItem) {
    if (!window.confirm(L.confirmDelete(item.name))) return;
    setRefusals([]);
    setDone(null);
    const res = await api.delete<object>(`/api/admin/media/${item.id}`);
    if (res.ok) setDone(L.deleted(item.name));
    else setRefusals([res.error.message]);
    await reload();
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0) void upload(files);
  };

  return (
    <section className="panel form-stack" aria-labelledby="media-library">
      <h2 id="media-library">{L.title}</h2>
      <div
        className={`media-drop${over ? ' media-drop--over' : ''}`}
        data-testid="media-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>
          {L.drop}{' '}
          <button
            type="button"
            className="primary"
            disabled={busy !== null}
            onClick={() => picker.current?.click()}
          >
            {L.choose}
          </button>
        </p>
        <input
          ref={picker}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          data-testid="media-picker"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void upload(files);
          }}
        />
        <p className="muted">
          {L.accepts(sizeVi(list.limits.fileBytes))}{' '}
          {L.used(sizeVi(list.usedBytes), sizeVi(list.limits.siteBytes))}
        </p>
      </div>
      {busy && (
        <p className="muted" role="status">
          {L.uploading(busy)}
        </p>
      )}
      {done && !busy && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      {refusals.length > 0 && (
        <div className="error" role="alert" data-testid="media-refusals">
          <ul>
            {refusals.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {list.items.length === 0 ? (
        <p className="muted">{L.empty}</p>
      ) : (
        <div className="media-scroll">
          <table className="data media-table" data-testid="media-list">
            <thead>
              <tr>
                <th />
                <th>{L.name}</th>
                <th>{L.kind}</th>
                <th>{L.size}</th>
                <th>{L.uploadedAt}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.id} data-media={item.id}>
                  <td>
                    <MediaThumb item={item} />
                  </td>
                  <td className="media-name">
                    {item.name}
                    {inPlaylist.has(item.id) && <span className="media-tag">{L.inPlaylist}</span>}
                  </td>
                  <td>{item.kind === 'image' ? L.image : L.video}</td>
                  <td className="nowrap">{sizeVi(item.bytes)}</td>
                  <td className="nowrap">
                    {formatTimeVi(item.uploadedAt, timeZone)}{' '}
                    {formatDateVi(item.uploadedAt, timeZone)}
                  </td>
                  <td className="media-actions">
                    <button
                      type="button"
                      aria-label={L.addLabel(item.name)}
                      disabled={!canAdd}
                      onClick={() => onAdd(item)}
                    >
                      {L.add}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      aria-label={L.deleteLabel(item.name)}
                      onClick={() => void remove(item)}
                    >
                      {L.delete}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
