// The REST API's route table (issue 16): every route of /api/v1, each a client event of the
// protocol run through the socket server's `dispatch`, a read of the snapshot, or a report of
// the report engine. serve.ts registers exactly these; openapi.ts documents exactly these.
import { z } from 'zod';
import { idSchema, own, stateFor, type QueueState } from '@luot/domain';
import {
  dossierRatingsQuerySchema,
  failure,
  reportQuerySchema,
  type Ack,
  type Snapshot,
} from '@luot/protocol';
import {
  cancelResultSchema,
  counterIdResultSchema,
  counterViewSchema,
  deviceStatusSchema,
  issuedTicketSchema,
  queueViewSchema,
  dossierRatingRowSchema,
  reportResultSchema,
  ticketSchema,
  type CounterView,
  type QueueView,
} from './result-schemas.ts';
import {
  actorOfKey,
  eventRoute,
  identityFor,
  siteParams,
  type RestCall,
  type RestRoute,
} from './route.ts';
import { REST_MESSAGES_VI } from './messages-vi.ts';

const ticketParams = siteParams.extend({ ticketId: idSchema });
const counterParams = siteParams.extend({ counterId: idSchema });

/** The site's snapshot, as a supervisor's socket gets it (`sync:snapshot`). */
async function snapshot(call: RestCall): Promise<Ack<Snapshot>> {
  const identity = identityFor('supervisor', call, undefined);
  if (!identity.ok) return identity;
  const res = await call.dispatch(
    identity.data,
    'sync:snapshot',
    {},
    {
      publicUrl: call.publicUrl,
      actor: actorOfKey(call.key),
    },
  );
  return res as Ack<Snapshot>;
}

function countersOf(state: QueueState): CounterView[] {
  return state.config.counters.flatMap((c) => {
    const live = own(state.counters, c.id);
    return live ? [{ ...live, number: c.number, name: c.name, fieldIds: [...c.fieldIds] }] : [];
  });
}

/**
 * A read of the queue: the snapshot a supervisor gets, seen as a clerk sees it (`stateFor`
 * 'clerk': no free-text reasons), then the part the route answers with.
 */
function readRoute(
  spec: Omit<RestRoute, 'method' | 'permission' | 'errors' | 'run'> & {
    pick: (snap: Snapshot, clerkView: QueueState, params: Record<string, string>) => Ack<unknown>;
  },
): RestRoute {
  const { pick, ...doc } = spec;
  return {
    ...doc,
    method: 'GET',
    permission: 'queue:read',
    errors: [],
    async run(call, input) {
      const res = await snapshot(call);
      if (!res.ok) return res;
      return pick(res.data, stateFor('clerk', res.data.state), input.params);
    },
  };
}

/** A counter's action, run as the clerk signed in at the counter in the path. */
function counterRoute(
  action: string,
  event: Parameters<typeof eventRoute>[0]['event'],
  summary: string,
  description: string,
  example: unknown,
  errors: RestRoute['errors'] = [],
): RestRoute {
  return eventRoute({
    path: `/sites/{siteId}/counters/{counterId}/${action}`,
    permission: 'counters:act',
    tag: 'Counters',
    summary,
    description:
      `${description} Runs \`${event}\` as the clerk signed in at the counter; refused ` +
      'COUNTER_CLOSED (409) when no one is. The event log names the key (`api:<keyId>`).',
    event,
    as: 'clerk',
    params: counterParams,
    example,
    result:
      event === 'counter:pause' || event === 'counter:resume'
        ? counterIdResultSchema
        : ticketSchema,
    errors: ['COUNTER_CLOSED', 'COUNTER_PAUSED', 'COUNTER_BUSY', 'INVALID_STATE', ...errors],
  });
}

/** The report's query as documented (checked by `reports.parse`, with its date-order rule). */
const reportQuery = z.strictObject({ ...reportQuerySchema.shape });
const exportQuery = z.strictObject({ ...reportQuerySchema.shape, format: z.enum(['csv', 'xlsx']) });

/** The ratings per dossier's query as documented (checked by `reports.dossierRatings`). */
const dossierRatingsQuery = z.strictObject({
  from: dossierRatingsQuerySchema.shape.from,
  to: dossierRatingsQuerySchema.shape.to,
});
const dossierRatingsExportQuery = z.strictObject({
  ...dossierRatingsQuery.shape,
  format: z.enum(['csv', 'xlsx']),
});

/** Checks a report's query; the report's own messages (Vietnamese) for what is wrong. */
function reportQueryOf(call: RestCall, raw: unknown) {
  const query = call.reports.parse(raw);
  return typeof query === 'string' ? failure('BAD_REQUEST', query) : { ok: true as const, query };
}

export const REST_ROUTES: readonly RestRoute[] = [
  eventRoute({
    path: '/sites/{siteId}/tickets',
    permission: 'tickets:issue',
    tag: 'Tickets',
    summary: 'Cấp số thứ tự cho công dân',
    description:
      'Issues a ticket in a field, as a kiosk named for the key does (`ticket:issue`): the same ' +
      'opening hours, daily limits and ID card rules. A key issues at most one ticket per ' +
      'kiosk interval (2 s by default), as one kiosk does; more issuing points need more keys. ' +
      'The answer carries the phone page’s link (`path`), shown once.',
    event: 'ticket:issue',
    as: 'kiosk',
    params: siteParams,
    example: { fieldId: 'ho-tich', priorityClassId: null },
    result: issuedTicketSchema,
    errors: ['OUTSIDE_HOURS', 'SOLD_OUT', 'RATE_LIMITED', 'ID_CARD_REQUIRED', 'INVALID_ARGUMENT'],
  }),
  readRoute({
    path: '/sites/{siteId}/tickets/{ticketId}',
    tag: 'Queue',
    summary: 'Xem một số thứ tự của hôm nay',
    description: 'One ticket of today as a clerk sees it; 404 NOT_FOUND when the day has none.',
    params: ticketParams,
    result: ticketSchema,
    pick: (_snap, state, params) => {
      const ticket = own(state.tickets, params.ticketId ?? '');
      return ticket ? { ok: true, data: ticket } : failure('NOT_FOUND', REST_MESSAGES_VI.noTicket);
    },
  }),
  eventRoute({
    path: '/sites/{siteId}/tickets/{ticketId}/cancel',
    permission: 'tickets:manage',
    tag: 'Tickets',
    summary: 'Hủy một số đang chờ',
    description:
      'Cancels a ticket as a supervisor does (`ticket:cancel`), with a reason for the audit ' +
      'trail, whose actor is the key (`api:<keyId>`).',
    event: 'ticket:cancel',
    as: 'supervisor',
    params: ticketParams,
    fromPath: ['ticketId'],
    example: { reason: 'Công dân đề nghị hủy qua Hệ thống một cửa' },
    result: cancelResultSchema,
    errors: ['INVALID_STATE'],
  }),
  eventRoute({
    path: '/sites/{siteId}/tickets/{ticketId}/move',
    permission: 'tickets:manage',
    tag: 'Tickets',
    summary: 'Chuyển một số đang chờ sang lĩnh vực hoặc quầy khác',
    description:
      'Moves a waiting ticket to another field or counter as a supervisor does (`ticket:move`).',
    event: 'ticket:move',
    as: 'supervisor',
    params: ticketParams,
    fromPath: ['ticketId'],
    example: { to: { fieldId: 'dat-dai' }, reason: 'Nhầm lĩnh vực' },
    result: ticketSchema,
    errors: ['INVALID_STATE'],
  }),
  readRoute({
    path: '/sites/{siteId}/queue',
    tag: 'Queue',
    summary: 'Hàng đợi hôm nay: các số và các quầy',
    description:
      'Today’s tickets and counters as a clerk sees them (no free-text reasons), at the newest ' +
      'stored sequence number; the same snapshot a screen gets on connecting.',
    params: siteParams,
    result: queueViewSchema,
    pick: (snap, state) => {
      const view: QueueView = {
        seq: snap.seq,
        serverTime: snap.serverTime,
        day: state.day,
        tickets: Object.values(state.tickets).sort((a, b) => a.issueSeq - b.issueSeq),
        counters: countersOf(state),
      };
      return { ok: true, data: view };
    },
  }),
  readRoute({
    path: '/sites/{siteId}/counters',
    tag: 'Queue',
    summary: 'Các quầy và trạng thái',
    description: 'Every counter of the site: name, number, fields, status, clerk and ticket.',
    params: siteParams,
    result: z.array(counterViewSchema),
    pick: (_snap, state) => ({ ok: true, data: countersOf(state) }),
  }),
  readRoute({
    path: '/sites/{siteId}/devices',
    tag: 'Queue',
    summary: 'Thiết bị (kiosk, màn hình, bảng đánh giá) và máy in',
    description: 'Paired devices: online or not, last seen, the printer’s paper and cover.',
    params: siteParams,
    result: z.array(deviceStatusSchema),
    pick: (snap) => ({ ok: true, data: snap.devices }),
  }),
  counterRoute('call-next', 'counter:callNext', 'Gọi số tiếp theo', 'Calls the next ticket.', {}, [
    'NOTHING_WAITING',
  ]),
  counterRoute(
    'call-ticket',
    'counter:callTicket',
    'Gọi một số cụ thể',
    'Calls a given waiting ticket.',
    { ticketId: 't-1001' },
  ),
  counterRoute(
    'recall',
    'counter:recall',
    'Gọi lại số đang gọi',
    'Calls the counter’s ticket again.',
    {},
  ),
  counterRoute(
    'start',
    'counter:start',
    'Bắt đầu phục vụ',
    'The citizen came: service starts.',
    {},
  ),
  counterRoute(
    'finish',
    'counter:finish',
    'Kết thúc phục vụ',
    'Ends the service of the counter’s ticket; the body is `counter:finish`’s payload as is.',
    {},
  ),
  counterRoute(
    'no-show',
    'counter:noShow',
    'Công dân vắng mặt',
    'The called citizen did not come.',
    {},
  ),
  counterRoute(
    'transfer',
    'counter:transfer',
    'Chuyển số đang phục vụ',
    'Sends the counter’s ticket to another field or counter.',
    { to: { counterId: 'c2' }, reason: 'Hồ sơ đất đai' },
  ),
  counterRoute('pause', 'counter:pause', 'Tạm dừng quầy', 'Pauses the counter.', {
    reason: 'Họp giao ban',
  }),
  counterRoute('resume', 'counter:resume', 'Mở lại quầy', 'Resumes a paused counter.', {}),
  eventRoute({
    path: '/sites/{siteId}/counters/{counterId}/close',
    permission: 'tickets:manage',
    tag: 'Counters',
    summary: 'Đóng một quầy (giám sát)',
    description: 'Closes a counter as a supervisor does (`counter:close`), with a reason.',
    event: 'counter:close',
    as: 'supervisor',
    params: counterParams,
    fromPath: ['counterId'],
    example: { reason: 'Cán bộ đi công tác' },
    result: counterIdResultSchema,
    errors: ['INVALID_STATE', 'COUNTER_BUSY'],
  }),
  {
    method: 'GET',
    path: '/sites/{siteId}/reports',
    permission: 'reports:read',
    tag: 'Reports',
    summary: 'Báo cáo theo khoảng ngày',
    description:
      'The report of a period (at most 400 days), grouped by field, counter, clerk or day: the ' +
      'admin app’s report, from the same report engine.',
    params: siteParams,
    query: reportQuery,
    result: reportResultSchema,
    errors: [],
    async run(call, input) {
      const q = reportQueryOf(call, input.query);
      if (!q.ok) return q;
      const report = await call.reports.build(call.site, q.query);
      return report ? { ok: true, data: report } : failure('INTERNAL');
    },
  },
  {
    method: 'GET',
    path: '/sites/{siteId}/reports/export',
    permission: 'reports:read',
    tag: 'Reports',
    summary: 'Tải báo cáo (CSV hoặc Excel)',
    description: 'The same report as a CSV (UTF-8) or XLSX file, as the admin app downloads it.',
    params: siteParams,
    query: exportQuery,
    result: {
      file: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
    errors: [],
    async run(call, input) {
      const raw = (input.query ?? {}) as Record<string, unknown>;
      const { format, ...rest } = raw;
      const f = exportQuery.shape.format.safeParse(format);
      if (!f.success) return failure('BAD_REQUEST', REST_MESSAGES_VI.exportFormat);
      const q = reportQueryOf(call, rest);
      if (!q.ok) return q;
      const file = await call.reports.file(call.site, q.query, f.data);
      return file ? { ok: true, file } : failure('INTERNAL');
    },
  },
  {
    method: 'GET',
    path: '/sites/{siteId}/reports/dossier-ratings',
    permission: 'reports:read',
    tag: 'Reports',
    summary: 'Đánh giá theo mã hồ sơ (Quyết định 766)',
    description:
      'One row per dossier code and visit of the period: field, counter, clerk, when it ' +
      'finished, the outcome and the citizen’s rating (null when not rated), for the ' +
      'satisfaction index of Decision 766/QĐ-TTg. No citizen data.',
    params: siteParams,
    query: dossierRatingsQuery,
    result: z.array(dossierRatingRowSchema),
    errors: [],
    async run(call, input) {
      const query = { ...(input.query as object), format: 'json' };
      const answer = await call.reports.dossierRatings(call.site, query);
      if (!answer.ok) return failure('BAD_REQUEST', answer.message);
      return 'rows' in answer ? { ok: true, data: answer.rows } : failure('INTERNAL');
    },
  },
  {
    method: 'GET',
    path: '/sites/{siteId}/reports/dossier-ratings/export',
    permission: 'reports:read',
    tag: 'Reports',
    summary: 'Tải đánh giá theo mã hồ sơ (CSV hoặc Excel)',
    description: 'The same rows as a CSV (UTF-8) or XLSX file, as the admin app downloads them.',
    params: siteParams,
    query: dossierRatingsExportQuery,
    result: {
      file: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
    errors: [],
    async run(call, input) {
      const raw = (input.query ?? {}) as Record<string, unknown>;
      const f = dossierRatingsExportQuery.shape.format.safeParse(raw.format);
      if (!f.success) return failure('BAD_REQUEST', REST_MESSAGES_VI.exportFormat);
      const answer = await call.reports.dossierRatings(call.site, raw);
      if (!answer.ok) return failure('BAD_REQUEST', answer.message);
      return 'file' in answer ? { ok: true, file: answer.file } : failure('INTERNAL');
    },
  },
];
