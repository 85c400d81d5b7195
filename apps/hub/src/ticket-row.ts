import type { Ticket } from '@luot/domain';

/**
 * A stored ticket row (either store's `tickets` columns) as the domain shapes a ticket, for
 * tickets of past days that are no longer in memory.
 */
export function ticketOfRow(r: Record<string, unknown>): Ticket {
  return {
    id: r.id as string,
    day: r.day as string,
    fieldId: r.field_id as string,
    originalFieldId: r.original_field_id as string,
    number: r.number as number,
    label: r.label as string,
    priorityClassId: (r.priority_class_id as string | null) ?? null,
    status: r.status as Ticket['status'],
    issuedAt: r.issued_at as number,
    // A past day's ticket never waits in today's queue, so its place in the issue order is moot.
    issueSeq: 0,
    waitingSince: r.issued_at as number,
    calledAt: (r.first_called_at as number | null) ?? null,
    startedAt: null,
    finishedAt: (r.finished_at as number | null) ?? null,
    counterId: (r.counter_id as string | null) ?? null,
    clerkId: (r.clerk_id as string | null) ?? null,
    assignedCounterId: null,
    callCount: 0,
    transferCount: 0,
    rating: (r.rating as number | null) ?? null,
    ...(r.estimated_wait_minutes !== undefined && {
      estimatedWaitMinutes: r.estimated_wait_minutes as number | null,
    }),
  };
}
