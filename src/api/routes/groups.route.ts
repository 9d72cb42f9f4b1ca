import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../services/index.js';
import type { StaffRow } from '../../db/schema/index.js';
import type { Platform } from '../../domain/inbound.js';
import { AppError } from '../../domain/errors.js';
import { queueScope, regionCovers } from '../../domain/access.js';
import { actorOf, ANY_STAFF, OFFICIALS } from '../auth/access-rule.js';
import { errorResponses } from '../schemas/claims.schema.js';
import {
  listGroupsQuery,
  listGroupsResponse,
  registerGroupBody,
  registerGroupResponse,
  TELEGRAM_GROUP_ID,
  WHATSAPP_GROUP_ID,
} from '../schemas/groups.schema.js';

type RegisterBody = { platform: Platform; chatId: string; name: string; region: string };

const security = [{ bearer: [] }];

/** What staff may see of a group: its public name and settings, never a chat id. */
export function groupView(g: { id: number; name: string | null; regionCode: string; platform: string; active: boolean; mode: string; registeredAt: Date }) {
  return { id: g.id, name: g.name, region: g.regionCode, platform: g.platform, active: g.active, mode: g.mode, registeredAt: g.registeredAt.toISOString() };
}

/** The KIM groups in the caller's region (or a narrower prefix of it); outside it → FORBIDDEN. */
export async function groupsInScope(services: Services, staff: StaffRow, region: string | undefined) {
  const scope = queueScope(actorOf(staff), region);
  if (!scope) throw new AppError('FORBIDDEN', `region ${region} is outside your region ${staff.regionCode}`);
  return services.repos.groups.list(scope.prefix);
}

/**
 * Staff register a KIM group the bot is already a member of (the alternative to `/daftar KODE` by a
 * group admin). Checks run cheapest-refusal first: region scope (403) before the regions table (400),
 * so a caller learns nothing about regions outside their own.
 */
export async function registerGroup(services: Services, staff: StaffRow, body: RegisterBody) {
  const actor = actorOf(staff);
  const region = body.region.trim();
  if (actor.role !== 'admin' && !regionCovers(actor.regionCode, region)) throw new AppError('FORBIDDEN', `region ${region} is outside your region ${actor.regionCode}`);
  const chatId = body.chatId.trim();
  const idOk = body.platform === 'telegram' ? TELEGRAM_GROUP_ID.test(chatId) : WHATSAPP_GROUP_ID.test(chatId);
  if (!idOk) {
    throw new AppError('VALIDATION_FAILED', body.platform === 'telegram' ? 'chatId must be a Telegram group id (a negative number)' : 'chatId must be a WhatsApp group id (…@g.us)');
  }
  const known = await services.repos.regionSearch.findByCode(region);
  if (!known) throw new AppError('VALIDATION_FAILED', `region ${region} is not in the regions table (saring regions import)`);
  const name = body.name.trim();
  const { chat } = await services.identity.resolve({
    platform: body.platform,
    chat: { id: chatId, kind: 'group', title: name },
    // The registering staff member stands in as the "sender"; only a pseudonym of it is stored.
    sender: { id: `staff-${staff.id}`, isBot: false },
  });
  if (chat.kind !== 'group') throw new AppError('CONFLICT', 'that chat is a private chat, not a group');
  // Re-registering must not move another region's group into yours.
  const before = await services.repos.groups.byChat(chat.id);
  if (before && actor.role !== 'admin' && !regionCovers(actor.regionCode, before.regionCode)) {
    throw new AppError('FORBIDDEN', 'this group is registered to a region outside yours');
  }
  const group = await services.repos.groups.register({ chatId: chat.id, platform: body.platform, name, regionCode: known.code });
  await services.repos.people.setChatRegion(chat.id, known.code);
  await services.repos.audit.record({ actor: `staff:${staff.id}`, action: 'group.register', subject: `chat:${chat.id}`, data: { region: known.code, platform: body.platform, via: 'api' } });
  return group;
}

export const groupsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.post<{ Body: RegisterBody }>(
    '/api/groups',
    {
      config: { access: { roles: OFFICIALS } },
      schema: {
        tags: ['groups'],
        summary: 'Register (or re-register) a KIM group of your region for broadcasts',
        security,
        body: registerGroupBody,
        response: { 201: registerGroupResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const group = await registerGroup(services, req.staff!, req.body);
      return reply.code(201).send({ id: group.id, chatId: group.chatId, region: group.regionCode, active: group.active });
    },
  );

  app.get<{ Querystring: { region?: string } }>(
    '/api/groups',
    {
      config: { access: { roles: ANY_STAFF } },
      schema: {
        tags: ['groups'],
        summary: 'KIM groups in your region (names and settings; no chat ids)',
        security,
        querystring: listGroupsQuery,
        response: { 200: listGroupsResponse, ...errorResponses },
      },
    },
    async (req) => ({ items: (await groupsInScope(services, req.staff!, req.query.region)).map(groupView) }),
  );
};
