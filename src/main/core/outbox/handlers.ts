import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import type { outboxChannels } from '../../../shared/channels/outbox';
import { actorOf } from '../audit/actor';
import { toOutboxItem } from './outbox';

export const outboxHandlers: DomainHandlers<typeof outboxChannels> = ({ sqlite, background, audit }) => ({
  'outbox/list': async (input) => {
    // So the Jobs screen can say when the stored e-mail password must be entered again.
    await background.mailPassword.check(background.mailSettings.smtp().passwordCipher);
    return {
      items: background.outbox.list({ status: input.status, limit: input.limit }).map(toOutboxItem),
      counts: background.outbox.counts(),
      delivery: background.delivery(),
    };
  },
  'outbox/retry': (input, ctx) => {
    const session = requireSession(ctx);
    const row = background.outbox.byId(input.id);
    if (!row) throw new UserError('not_found', 'That message is not in the outbox.');
    if (row.status === 'sent' || row.status === 'sending') {
      throw new UserError('conflict', 'That message has already been sent or is being sent.');
    }
    sqlite.transaction(() => {
      background.outbox.retry(input.id);
      audit.record(actorOf(session), {
        action: 'outbox.retry',
        entity: 'email_outbox',
        entityId: input.id,
        summary: `Message #${input.id} queued again.`,
      });
    })();
    background.relay.kick();
    ctx.changed('email_outbox');
    const updated = background.outbox.byId(input.id);
    if (!updated) throw new Error('outbox row vanished');
    return toOutboxItem(updated);
  },
});
