import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mediaIdSchema } from '@luot/domain';
import { MEDIA_LIMITS, MEDIA_TYPES, type MediaItem, type MediaList } from '@luot/protocol';
import { sendFailure } from '../http-errors.ts';
import type { CredentialDeps } from '../identity.ts';
import type { Sites } from '../sites.ts';
import { requireStaff, type Staff } from '../staff-auth.ts';
import { parseRange, sanitizeMediaName, sniffMediaType } from './media-file.ts';
import { MEDIA_MESSAGES_VI } from './messages-vi.ts';

export type MediaLimits = { fileBytes: number; siteBytes: number };

export interface MediaDeps extends CredentialDeps {
  sites: Sites;
  /** `MEDIA_LIMITS` unless a test gives smaller ones. */
  limits?: MediaLimits;
}

/**
 * The lobby board's files on the staff listener (documented in @luot/protocol `media.ts`):
 * admins upload and delete (each in the site's audit trail), supervisors and admins list, and
 * boards fetch `GET /media/:id` (no sign-in: the id is 128 random bits, and a file never changes).
 */
export function registerMediaRoutes(app: FastifyInstance, deps: MediaDeps) {
  const { province, sites, clock } = deps;
  const limits = deps.limits ?? MEDIA_LIMITS;

  void app.register(async (upload) => {
    // Only this route takes a raw body, of any type, up to a whole file.
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    const uploader = new WeakMap<FastifyRequest, Staff>();
    upload.post(
      '/api/admin/media',
      {
        bodyLimit: limits.fileBytes,
        // The session and the declared size are checked before a byte of the body is read.
        onRequest: async (request, reply) => {
          const staff = await requireStaff(request, reply, deps, ['admin']);
          if (!staff) return reply;
          if (Number(request.headers['content-length'] ?? 0) > limits.fileBytes)
            return tooLarge(reply);
          uploader.set(request, staff);
        },
      },
      async (request, reply) => {
        const staff = uploader.get(request)!;
        const site = sites.get(staff.siteId);
        if (!site) return sendFailure(reply, 'NOT_FOUND');
        const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (data.length === 0)
          return sendFailure(reply, 'UNSUPPORTED_MEDIA_TYPE', MEDIA_MESSAGES_VI.empty);
        const type = sniffMediaType(data);
        if (!type)
          return sendFailure(reply, 'UNSUPPORTED_MEDIA_TYPE', MEDIA_MESSAGES_VI.unsupported);
        const kind = MEDIA_TYPES[type];
        const header = request.headers['x-file-name'];
        const item: MediaItem = {
          id: randomBytes(16).toString('hex'),
          name: sanitizeMediaName(
            typeof header === 'string' ? header : undefined,
            kind === 'image' ? 'Ảnh' : 'Video',
          ),
          kind,
          type,
          bytes: data.length,
          uploadedAt: clock.now(),
          uploadedBy: staff.username,
        };
        if (!(await province.addMedia({ ...item, siteId: site.id, data }, limits.siteBytes))) {
          const used = await province.mediaBytes(site.id);
          return sendFailure(
            reply,
            'PAYLOAD_TOO_LARGE',
            MEDIA_MESSAGES_VI.siteFull(used, limits.siteBytes),
          );
        }
        await site.store.appendAudit({
          at: clock.now(),
          actor: staff.username,
          action: 'media.upload',
          target: item.id,
          detail: { name: item.name, mediaType: type, bytes: item.bytes },
        });
        return { ok: true, data: item };
      },
    );
  });

  function tooLarge(reply: FastifyReply) {
    // The body is not read: the connection closes once the answer is sent.
    void reply.header('connection', 'close');
    return sendFailure(
      reply,
      'PAYLOAD_TOO_LARGE',
      MEDIA_MESSAGES_VI.fileTooLarge(limits.fileBytes),
    );
  }

  app.get('/api/admin/media', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ['supervisor', 'admin']);
    if (!staff) return reply;
    const [items, usedBytes] = await Promise.all([
      province.listMedia(staff.siteId),
      province.mediaBytes(staff.siteId),
    ]);
    return { ok: true, data: { items, usedBytes, limits: { ...limits } } satisfies MediaList };
  });

  app.delete<{ Params: { id: string } }>('/api/admin/media/:id', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ['admin']);
    if (!staff) return reply;
    const site = sites.get(staff.siteId);
    const id = mediaIdSchema.safeParse(request.params.id);
    const media = id.success ? await province.mediaById(id.data) : null;
    if (!site || !media || media.siteId !== site.id)
      return sendFailure(reply, 'NOT_FOUND', MEDIA_MESSAGES_VI.notFound);
    const { playlist } = (await site.queue.durable()).state.config.board;
    if (playlist.some((p) => p.mediaId === media.id))
      return sendFailure(reply, 'INVALID_STATE', MEDIA_MESSAGES_VI.inUse(media.name));
    if (!(await province.removeMedia(site.id, media.id)))
      return sendFailure(reply, 'NOT_FOUND', MEDIA_MESSAGES_VI.notFound);
    await site.store.appendAudit({
      at: clock.now(),
      actor: staff.username,
      action: 'media.delete',
      target: media.id,
      detail: { name: media.name, mediaType: media.type, bytes: media.bytes },
    });
    return { ok: true, data: {} };
  });

  app.get<{ Params: { id: string } }>('/media/:id', async (request, reply) => {
    const id = mediaIdSchema.safeParse(request.params.id);
    const media = id.success ? await province.mediaById(id.data) : null;
    if (!media) return sendFailure(reply, 'NOT_FOUND');
    const etag = `"${media.id}"`;
    void reply
      .header('content-type', media.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', etag)
      .header('accept-ranges', 'bytes')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag))
      return reply.code(304).send();
    const range = parseRange(request.headers.range, media.bytes);
    if (range === 'unsatisfiable')
      return reply.code(416).header('content-range', `bytes */${media.bytes}`).send();
    const data = await province.readMedia(media.id, range ?? undefined);
    if (!data) return sendFailure(reply, 'NOT_FOUND');
    if (range)
      void reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${media.bytes}`);
    return reply.header('content-length', data.length).send(data);
  });
}
