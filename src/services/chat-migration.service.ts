import { chatKeyOf, encryptAddress } from '../domain/privacy.js';
import type { ChatMigration } from '../domain/chat-adapter.js';
import type { ServiceDeps } from './deps.js';

/**
 * A Telegram basic group upgraded to a supergroup gets a new chat id. The chat is the same group: its row is
 * re-keyed to the new id, so the KIM group registration, the moderators' chat and the review cards (all of which
 * point at the row, never at the platform id) follow it. Learned from the service message or from a 400 with
 * `migrate_to_chat_id`; running it twice is harmless.
 */
export function createChatMigrationService(deps: Pick<ServiceDeps, 'db' | 'repos' | 'secrets' | 'logger'>) {
  const log = deps.logger.child({ svc: 'chat-migration' });
  return {
    /** The chat row id now known under the new platform id, or undefined when the old id was never stored. */
    async migrate(m: ChatMigration): Promise<number | undefined> {
      const fromKey = chatKeyOf(deps.secrets.pseudonymSecret, m.platform, m.fromChatId);
      const toKey = chatKeyOf(deps.secrets.pseudonymSecret, m.platform, m.toChatId);
      return deps.db.transaction(async (tx) => {
        const old = await deps.repos.people.findChat(m.platform, fromKey, tx);
        const already = await deps.repos.people.findChat(m.platform, toKey, tx);
        if (!old) return already?.id;
        if (already) {
          // The new supergroup wrote before the migration was seen (a row of its own, with nothing registered
          // on it yet): that row steps aside so the registered one takes the new id.
          await deps.repos.people.moveChat(already.id, { chatKey: `superseded:${already.id}:${toKey}`.slice(0, 120), addressEnc: already.addressEnc }, tx);
        }
        await deps.repos.people.moveChat(old.id, { chatKey: toKey, addressEnc: encryptAddress(deps.secrets.contactKey, m.toChatId) }, tx);
        await deps.repos.audit.record({ actor: 'system', action: 'chat.migrate', subject: `chat:${old.id}`, data: { platform: m.platform } }, tx);
        log.info({ chatId: old.id, platform: m.platform }, 'chat moved to its new platform id (group upgraded to supergroup)');
        return old.id;
      });
    },
  };
}

export type ChatMigrationService = ReturnType<typeof createChatMigrationService>;
