// The booking race's check (`pnpm bench --citizens`): the slot bookings a site's database holds,
// read straight from the table (SQLite file or PostgreSQL), not through the hub, so the check
// does not trust the code it checks.
import pg from 'pg';
import { openDatabase } from '../src/db/open-database.ts';

/** A slot booking as stored. */
export interface StoredBooking {
  fieldId: string;
  day: string;
  start: string;
  code: string;
  status: string;
}

const SELECT = `SELECT field_id AS "fieldId", day, start, code, status FROM bookings
  WHERE site_id = $site AND kind = 'slot'`;

/** Every slot booking of a site in a data directory's SQLite file (open it once the hub has stopped). */
export function storedBookingsSqlite(path: string, siteId: string): StoredBooking[] {
  const db = openDatabase(path);
  try {
    return db.prepare(SELECT.replace('$site', '@site')).all({ site: siteId }) as StoredBooking[];
  } finally {
    db.close();
  }
}

/** Every slot booking of a site in a PostgreSQL database. */
export async function storedBookingsPostgres(
  url: string,
  siteId: string,
): Promise<StoredBooking[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<StoredBooking>(SELECT.replace('$site', '$1'), [siteId]);
    return rows;
  } finally {
    await client.end();
  }
}
