import { userInfo } from 'node:os';
import type { Actor } from '../services/context';

/**
 * Who is at the keyboard, for the timeline: the operating-system user, tagged with where they work
 * ("ana (browser)"). A user without a passwd entry (arbitrary-UID containers) is "desk user".
 */
export function actorFromOs(where?: string, readUser: () => { username: string } = userInfo): Actor {
  let name = 'desk user';
  try {
    const { username } = readUser();
    if (username) name = username;
  } catch {
    // No passwd entry: keep the generic name rather than refusing to start.
  }
  return { name: where ? `${name} (${where})` : name };
}
