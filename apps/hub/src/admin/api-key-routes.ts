import type { FastifyInstance } from 'fastify';
import { apiKeyCreateSchema, isProvinceAdmin, type ApiKeyCreated } from '@luot/protocol';
import { API_KEY_ID_PATTERN, createApiKey, toApiKeySummary } from '../api-keys.ts';
import type { Clock } from '../clock.ts';
import { sendFailure } from '../http-errors.ts';
import { belongsTo } from '../identity.ts';
import type { Sites } from '../sites.ts';
import { requireStaff, type Staff } from '../staff-auth.ts';
import type { ProvinceStore } from '../store.ts';

/** The hub's answers about keys, in Vietnamese (the admin app shows them as they are). */
export const API_KEY_MESSAGES_VI = {
  invalid: 'Khóa API chưa hợp lệ: cần tên (tối đa 80 ký tự), điểm phục vụ và ít nhất một quyền.',
  allSitesOnly: 'Chỉ quản trị viên của mọi điểm mới tạo được khóa dùng cho mọi điểm.',
  otherSite: 'Bạn không quản trị điểm phục vụ này.',
  noSite: 'Không có điểm phục vụ này.',
  noKey: 'Không có khóa API này.',
  revoked: 'Khóa API này đã bị thu hồi.',
} as const;

const ADMIN = ['admin'] as const;

/**
 * The REST API's keys in the administration (admin role only, as every admin route): list,
 * create (the secret answered once), revoke. A site's administrator sees and manages the keys
 * of their sites; an administrator of every site, every key, keys of every site included.
 */
export function registerApiKeyRoutes(
  app: FastifyInstance,
  deps: { province: ProvinceStore; sites: Sites; clock: Clock; sessionIdleMs: number },
) {
  const { province, sites, clock } = deps;
  /** The sites whose keys an administrator sees (null: every key). */
  const scopeOf = (staff: Staff) => (isProvinceAdmin(staff) ? null : (staff.sites ?? []));
  const manages = (staff: Staff, siteId: string | null) =>
    isProvinceAdmin(staff) || (siteId !== null && belongsTo(staff.sites, siteId));
  /** Written to the key's site's audit trail (an every-site key's: the administrator's site). */
  const audit = async (
    staff: Staff,
    siteId: string | null,
    action: 'api-key.create' | 'api-key.revoke',
    key: { id: string; name: string; siteId: string | null; permissions: string[] },
  ) => {
    const site = sites.get(siteId ?? staff.siteId) ?? sites.get(staff.siteId);
    await site?.store.appendAudit({
      at: clock.now(),
      actor: staff.username,
      action,
      target: key.id,
      detail: { name: key.name, siteId: key.siteId, permissions: key.permissions },
    });
  };

  app.get('/api/admin/api-keys', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ADMIN);
    if (!staff) return reply;
    const rows = await province.listApiKeys(scopeOf(staff));
    return { ok: true, data: rows.map(toApiKeySummary) };
  });

  app.post('/api/admin/api-keys', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ADMIN);
    if (!staff) return reply;
    const body = apiKeyCreateSchema.safeParse(request.body);
    if (!body.success) return sendFailure(reply, 'BAD_REQUEST', API_KEY_MESSAGES_VI.invalid);
    const { siteId } = body.data;
    if (!manages(staff, siteId))
      return sendFailure(
        reply,
        'FORBIDDEN',
        siteId === null ? API_KEY_MESSAGES_VI.allSitesOnly : API_KEY_MESSAGES_VI.otherSite,
      );
    if (siteId !== null && !sites.get(siteId))
      return sendFailure(reply, 'NOT_FOUND', API_KEY_MESSAGES_VI.noSite);
    const created = await createApiKey(deps, body.data, staff.username);
    await audit(staff, siteId, 'api-key.create', created);
    // The secret is in this answer only: no cache may keep it.
    void reply.header('Cache-Control', 'no-store');
    return { ok: true, data: created satisfies ApiKeyCreated };
  });

  app.post<{ Params: { id: string } }>('/api/admin/api-keys/:id/revoke', async (request, reply) => {
    const staff = await requireStaff(request, reply, deps, ADMIN);
    if (!staff) return reply;
    const { id } = request.params;
    if (!API_KEY_ID_PATTERN.test(id))
      return sendFailure(reply, 'BAD_REQUEST', API_KEY_MESSAGES_VI.noKey);
    const key = await province.apiKeyById(id);
    // Another site's key is not there for this administrator.
    if (!key || !manages(staff, key.siteId))
      return sendFailure(reply, 'NOT_FOUND', API_KEY_MESSAGES_VI.noKey);
    if (!(await province.revokeApiKey(id, staff.username, clock.now())))
      return sendFailure(reply, 'INVALID_STATE', API_KEY_MESSAGES_VI.revoked);
    await audit(staff, key.siteId, 'api-key.revoke', key);
    return { ok: true, data: toApiKeySummary((await province.apiKeyById(id))!) };
  });
}
