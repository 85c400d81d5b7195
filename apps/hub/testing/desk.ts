import type { BearerLoginResult } from '@luot/protocol';
import { addUser } from '../src/setup.ts';
import { PASSWORD, signIn, type TestHub } from './test-hub.ts';

/**
 * A guide ("hướng dẫn") of the test hub's first site, made if new, signed in at a desk of its
 * configuration (`desks`) as the counter app does.
 */
export async function signInAtDesk(
  t: Pick<TestHub, 'url' | 'province' | 'siteIds'>,
  deskId: string,
  username = 'hd1',
): Promise<BearerLoginResult> {
  if (!(await t.province.findUser(username)))
    await addUser(
      t.province,
      { username, name: 'Hướng dẫn 1', role: 'guide', password: PASSWORD, sites: [t.siteIds[0]!] },
      0,
    );
  return signIn(t.url, { username, password: PASSWORD, deskId });
}
