import { parseArgs } from 'node:util';
import { isRegionCode, type StaffRole } from '../domain/access.js';
import type { RegionsService } from '../services/regions.service.js';
import { AppError } from '../domain/errors.js';
import type { StaffRow } from '../db/schema/index.js';
import type { StaffService } from '../services/staff.service.js';

const ROLES: readonly StaffRole[] = ['admin', 'diskominfo', 'moderator'];
export const STAFF_USAGE = [
  'usage: saring staff add --name NAME --role admin|diskominfo|moderator --region CODE [--telegram-id N]',
  '       saring staff list',
  '       saring staff disable ID     token, dashboard sessions and chat link stop working at once',
  '       saring staff code ID        a new one-time /masuk code (7 days)',
  '       saring staff rotate ID      a new API token; the old one stops working at once',
].join('\n');

interface Out {
  out: (line: string) => void;
  err: (line: string) => void;
}

const linked = (s: StaffRow) => [s.telegramUserKey ? 'telegram' : null, s.whatsappUserKey ? 'whatsapp' : null].filter(Boolean).join('+') || 'no chat';

/** `saring staff list|disable|code|rotate ID`: the lifecycle of an existing account. */
async function runLifecycle(sub: string, rest: string[], staff: StaffService, io: Out): Promise<number> {
  if (sub === 'list') {
    const rows = await staff.list('cli');
    if (rows.length === 0) io.out('no staff accounts yet (saring staff add …)');
    for (const s of rows) {
      io.out(`#${s.id}\t${s.role}\t${s.regionCode}\t${s.disabledAt ? `disabled ${s.disabledAt.toISOString()}` : 'active'}\t${linked(s)}\t${s.name}`);
    }
    return 0;
  }
  const raw = rest[0] ?? '';
  const id = /^#?\d{1,9}$/.test(raw) ? Number(raw.replace('#', '')) : NaN;
  if (!Number.isSafeInteger(id) || rest.length !== 1) {
    io.err(`saring staff ${sub} needs one staff id (see saring staff list)\n${STAFF_USAGE}`);
    return 64;
  }
  try {
    if (sub === 'disable') {
      const s = await staff.disable(id, 'cli');
      io.out(`staff #${s.id} (${s.name}) disabled: API token, dashboard sessions and chat link no longer work`);
    } else if (sub === 'code') {
      const { staff: s, code, expiresAt } = await staff.issueLinkCode(id, 'cli');
      io.out(`staff #${s.id} (${s.name}): send "/masuk ${code}" to the bot before ${expiresAt.toISOString()} (one use)`);
    } else {
      const { staff: s, token } = await staff.rotateToken(id, 'cli');
      io.out(`staff #${s.id} (${s.name}): the old API token no longer works`);
      io.out(`new API token (shown only now; keep it secret): ${token}`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    io.err(err.message);
    return err.code === 'NOT_FOUND' ? 66 : 65;
  }
}

/**
 * `saring staff add`: the API token is printed once and only its hash is stored, so losing it means
 * adding the account again. The region must be a known one — a typo would silently give a
 * moderator an empty (or someone else's) queue.
 */
export async function runStaff(args: string[], svc: { staff: StaffService; regions: RegionsService }, io: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list' || sub === 'disable' || sub === 'code' || sub === 'rotate') return runLifecycle(sub, rest, svc.staff, io);
  if (sub !== 'add') {
    io.err(STAFF_USAGE);
    return 64;
  }
  let values: { name?: string; role?: string; region?: string; 'telegram-id'?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { name: { type: 'string' }, role: { type: 'string' }, region: { type: 'string' }, 'telegram-id': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n${STAFF_USAGE}`);
    return 64;
  }
  const name = values.name?.trim();
  const role = values.role as StaffRole | undefined;
  const region = values.region?.trim();
  const telegramId = values['telegram-id']?.trim();
  const problems: string[] = [];
  if (!name) problems.push('--name is required');
  if (!role || !ROLES.includes(role)) problems.push(`--role must be one of ${ROLES.join(', ')}`);
  if (!region || !isRegionCode(region)) problems.push('--region must be a Kemendagri code such as 62.02 or 15.02.13.2005');
  if (telegramId !== undefined && !/^\d{1,15}$/.test(telegramId)) problems.push('--telegram-id must be a numeric Telegram user id');
  if (problems.length > 0 || !name || !role || !region) {
    io.err([...problems, STAFF_USAGE].join('\n'));
    return 64;
  }
  const known = await svc.regions.byCode(region);
  if (!known) {
    if ((await svc.regions.count()) > 0) {
      io.err(`unknown region ${region}: import the region list first (saring import-regions FILE) or check the code`);
      return 65;
    }
    io.err(`warning: the regions table is empty; accepting ${region} without checking it exists (run saring import-regions)`);
  }
  const { staff, token, linkCode } = await svc.staff.add({ name, role, regionCode: region, telegramUserId: telegramId });
  io.out(`staff #${staff.id} added: ${staff.name} (${staff.role}, ${region}${known ? ` ${known.name}` : ''})`);
  io.out(`API token (shown only now; keep it secret): ${token}`);
  if (!telegramId) io.out(`Telegram link: send "/masuk ${linkCode}" to the bot within 7 days`);
  return 0;
}
