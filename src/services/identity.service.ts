import { chatKeyOf, encryptAddress, pseudonymize } from '../domain/privacy.js';
import { cleanText } from '../domain/conversation.js';
import type { InboundMessage } from '../domain/inbound.js';
import type { ChatRow, ResidentRow } from '../db/schema/index.js';
import type { ServiceDeps } from './deps.js';

/** Turns platform identities into pseudonymous rows; the only place that sees raw user ids. */
export function createIdentityService(deps: Pick<ServiceDeps, 'repos' | 'secrets'>) {
  const secret = deps.secrets.pseudonymSecret;
  return {
    chatKey(platform: InboundMessage['platform'], chatId: string): string {
      return chatKeyOf(secret, platform, chatId);
    },

    /**
     * What the one-statement intake needs to find or create a private chat's resident and chat (see
     * reports.storeFromPrivateChat): keys only, no round trip.
     */
    privateKeys(msg: Pick<InboundMessage, 'platform' | 'chat' | 'sender'>): { pseudonym: string; chatKey: string; addressEnc: string } {
      return {
        pseudonym: pseudonymize(secret, msg.platform, msg.sender.id),
        chatKey: chatKeyOf(secret, msg.platform, msg.chat.id),
        addressEnc: encryptAddress(deps.secrets.contactKey, msg.chat.id),
      };
    },

    async resolve(msg: Pick<InboundMessage, 'platform' | 'chat' | 'sender'>): Promise<{ resident: ResidentRow; chat: ChatRow }> {
      const resident = await deps.repos.people.upsertResident({
        pseudonym: pseudonymize(secret, msg.platform, msg.sender.id),
        platform: msg.platform,
      });
      const chatKey = chatKeyOf(secret, msg.platform, msg.chat.id);
      const existing = await deps.repos.people.findChat(msg.platform, chatKey);
      const chat =
        existing ??
        (await deps.repos.people.upsertChat({
          platform: msg.platform,
          kind: msg.chat.kind,
          chatKey,
          addressEnc: encryptAddress(deps.secrets.contactKey, msg.chat.id),
          residentId: msg.chat.kind === 'private' ? resident.id : null,
          // Group titles are public names of KIM groups; private chats keep no name at all.
          title: msg.chat.kind === 'group' && msg.chat.title ? cleanText(msg.chat.title).slice(0, 200) || null : null,
        }));
      return { resident, chat };
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
