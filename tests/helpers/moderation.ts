import { regions } from '../../src/db/schema/index.js';
import type { Harness } from './saring.js';
import { TEST_BOT_TOKEN } from './config.js';
import { waitFor } from './wait.js';

/** Real Kemendagri rows for the two kabupaten the tests use (from shared/data/regions/wilayah.csv). */
export const SEED_REGIONS: Array<[string, string]> = [
  ['15', 'Jambi'],
  ['15.02', 'Kabupaten Merangin'],
  ['15.02.13', 'Pamenang Barat'],
  ['15.02.13.2001', 'Tanjung Lamin'],
  ['15.02.13.2002', 'Limbur Merangin'],
  ['15.02.13.2005', 'Simpang Limbur Merangin'],
  ['15.02.13.2006', 'Mampun Baru'],
  ['62', 'Kalimantan Tengah'],
  ['62.02', 'Kabupaten Kotawaringin Timur'],
  ['62.02.01', 'Kota Besi'],
];

export async function seedRegions(h: Harness): Promise<void> {
  await h.saring.database.db
    .insert(regions)
    .values(SEED_REGIONS.map(([code, name]) => ({ code, name, level: code.split('.').length, parentCode: code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null })))
    .onConflictDoNothing();
}

let nextGroup = -1_000_100;
let nextStaffUser = 9_100_000;

/** A Telegram group where a staff member has sent /moderasi. */
export async function moderatorGroup(h: Harness, staff: { name: string; role: 'moderator' | 'diskominfo' | 'admin'; regionCode: string }) {
  const userId = nextStaffUser++;
  const groupId = nextGroup--;
  await h.saring.services.staff.add({ ...staff, telegramUserId: String(userId) });
  const member = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId, chatId: groupId, type: 'group', chatTitle: `Moderator ${staff.regionCode}`, firstName: staff.name });
  await member.sendCommand(member.makeCommand('/moderasi'));
  await waitFor(() => h.emulator.botMessagesTo(groupId).some((m) => m.text.includes('grup moderasi')), { what: `/moderasi in ${staff.regionCode}` });
  return { userId, groupId, member };
}

/** The buttons of a bot message, as the emulator stored them. */
export function buttonsOf(message: { reply_markup?: unknown }): Array<{ text: string; callback_data: string }> {
  const markup = message.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | string | undefined;
  const parsed = typeof markup === 'string' ? (JSON.parse(markup) as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> }) : markup;
  return (parsed?.inline_keyboard ?? []).flat();
}
