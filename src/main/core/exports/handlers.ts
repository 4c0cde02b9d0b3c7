import type { exportChannels } from '../../../shared/channels/exports';
import type { SessionInfo } from '../../../shared/dto';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';

const actorOf = (s: SessionInfo) => ({ userId: s.userId, username: s.username });

export const exportHandlers: DomainHandlers<typeof exportChannels> = ({ sqlite, background }) => {
  const { exports } = background;
  const treats = sqlite.prepare<[number, number], { one: number }>(
    'SELECT 1 AS one FROM appointments WHERE doctor_id = ? AND patient_id = ? LIMIT 1',
  );
  const requestedBy = sqlite.prepare<[number], { requested_by: number | null }>(
    'SELECT requested_by FROM exports WHERE id = ?',
  );

  /** Doctors see and act on the exports they started; reception and admin on all. */
  const ownExport = (id: number, session: SessionInfo) => {
    const row = requestedBy.get(id);
    if (!row || (session.role === 'doctor' && row.requested_by !== session.userId)) {
      throw new UserError('not_found', 'That export does not exist.');
    }
  };

  return {
    'exports/startHistory': (input, ctx) => {
      const session = requireSession(ctx);
      exports.requirePatient(input.patientId);
      if (
        session.role === 'doctor' &&
        (session.doctorId === null || !treats.get(session.doctorId, input.patientId))
      ) {
        throw new UserError('forbidden', 'Doctors can export the history of their own patients only.');
      }
      const exportId = exports.startHistory(input.patientId, actorOf(session));
      ctx.changed('exports');
      return { exportId };
    },
    'exports/startRange': (input, ctx) => {
      const session = requireSession(ctx);
      const exportId = exports.startRange(input.from, input.to, actorOf(session));
      ctx.changed('exports');
      return { exportId };
    },
    'exports/list': (input, ctx) => {
      const session = requireSession(ctx);
      return exports.list(input.limit, session.role === 'doctor' ? session.userId : undefined);
    },
    'exports/retry': (input, ctx) => {
      const session = requireSession(ctx);
      ownExport(input.id, session);
      const exportId = exports.retry(input.id, actorOf(session));
      ctx.changed('exports');
      return { exportId };
    },
    'exports/resend': (input, ctx) => {
      const session = requireSession(ctx);
      ownExport(input.id, session);
      const item = exports.resend(input.id, actorOf(session));
      ctx.changed('email_outbox', 'exports');
      return item;
    },
    'exports/reveal': (input, ctx) => {
      const session = requireSession(ctx);
      ownExport(input.id, session);
      const item = exports.get(input.id);
      if (!item?.filePath) throw new UserError('conflict', 'This export has no file yet.');
      if (!background.desktop) return { shown: false, path: item.filePath };
      background.desktop.showItemInFolder(item.filePath);
      return { shown: true, path: item.filePath };
    },
  };
};
