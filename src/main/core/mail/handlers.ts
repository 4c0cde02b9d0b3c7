import type { mailChannels } from '../../../shared/channels/mail';
import { randomUUID } from 'node:crypto';
import type { MailSettingsView } from '../../../shared/dto/jobs';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import type { Services } from '../services';
import { insecureReason } from './delivery';
import { toOutboxItem } from '../outbox/outbox';
import { testEmail } from './templates/notice';
import { actorOf } from '../audit/actor';

function settingsView({ background }: Services): MailSettingsView {
  const smtp = background.mailSettings.smtp();
  const reason = background.secrets.unavailableReason();
  return {
    host: smtp.host,
    port: smtp.port,
    security: smtp.security,
    username: smtp.username,
    fromAddress: smtp.fromAddress,
    passwordSet: smtp.passwordCipher !== null,
    passwordProblem: background.mailPassword.problem(smtp.passwordCipher),
    canStorePassword: reason === null,
    passwordStoreNote: reason,
    delivery: background.delivery(),
    schedule: background.mailSettings.schedule(),
  };
}

export const mailHandlers: DomainHandlers<typeof mailChannels> = (services) => {
  const { sqlite, background, audit, logger, settings, clock } = services;
  return {
    'mail/getSettings': async () => {
      // A password saved on another PC (or Windows user) is reported, not thrown: the
      // administrator must be able to open this screen to enter it again.
      await background.mailPassword.check(background.mailSettings.smtp().passwordCipher);
      return settingsView(services);
    },
    'mail/saveSettings': async (input, ctx) => {
      const session = requireSession(ctx);
      const insecure = insecureReason(input.host, input.security);
      if (insecure) throw new UserError('invalid_input', insecure);
      const current = background.mailSettings.smtp();
      let passwordCipher = current.passwordCipher;
      if (input.password !== undefined && input.password !== '') {
        // Refused before anything is written: a password is stored encrypted or not at all.
        const reason = background.secrets.unavailableReason();
        if (reason) throw new UserError('conflict', reason);
        passwordCipher = await background.secrets.encrypt(input.password);
      } else if (input.password === '') {
        passwordCipher = null;
      }
      sqlite.transaction(() => {
        background.mailSettings.saveSmtp({
          host: input.host,
          port: input.port,
          security: input.security,
          username: input.username,
          fromAddress: input.fromAddress,
          passwordCipher,
        });
        background.mailSettings.saveSchedule({
          reminderTime: input.reminderTime,
          reportDay: input.reportDay,
          reportTime: input.reportTime,
        });
        audit.record(actorOf(session), {
          action: 'mail.saveSettings',
          entity: 'settings',
          entityId: 'mail.smtp',
          summary: `Mail settings saved (server ${input.host || 'none'}, password ${passwordCipher ? 'set' : 'not set'}).`,
        });
      })();
      if (background.started()) background.scheduler.start();
      ctx.changed('settings');
      logger.log('info', 'mail settings saved', { userId: session.userId });
      return settingsView(services);
    },
    'mail/sendTest': async (input, ctx) => {
      const session = requireSession(ctx);
      const delivery = background.delivery();
      const email = testEmail(
        settings.get('clinicName'),
        delivery.mode === 'smtp' ? `through ${delivery.server}` : `into the folder ${delivery.folder}`,
      );
      const key = `test:${clock.now().getTime()}:${randomUUID()}`;
      sqlite.transaction(() => {
        background.outbox.enqueue({ dedupeKey: key, kind: 'test', to: input.to, ...email });
        audit.record(actorOf(session), {
          action: 'mail.sendTest',
          entity: 'email_outbox',
          entityId: key,
          summary: 'Test email queued.',
        });
      })();
      await background.relay.sendDue();
      ctx.changed('email_outbox');
      const row = background.outbox.byKey(key);
      if (!row) throw new Error('test email vanished from the outbox');
      return toOutboxItem(row);
    },
  };
};
