import { failure } from '@luot/protocol';
import type { Handlers } from '../sockets/router.ts';

/**
 * The kiosk's check-in of a booking or a remote number. Placeholder until the citizens' part
 * lands (issue 14): every check-in is refused as not offered.
 */
export function checkInHandlers(): Pick<Handlers, 'ticket:checkIn'> {
  return {
    'ticket:checkIn': async () => failure('NOT_OFFERED'),
  };
}
