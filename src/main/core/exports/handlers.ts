import type { exportChannels } from '../../../shared/channels/exports';
import type { SessionInfo } from '../../../shared/dto';
import type { ExportItem } from '../../../shared/dto/jobs';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import { actorOf } from '../audit/actor';

/** The front desk sees its requests' progress, never where a clinical file lies. */
const forRole = (item: ExportItem, session: SessionInfo): ExportItem =>
  session.role === 'reception' ? { ...item, filePath: null, fileName: null } : item;

export const exportHandlers: DomainHandlers<typeof exportChannels> = ({ sqlite, background }) => {
  const { exports } = background;
  const treats = sqlite.prepare<[number, number], { one: number }>(
    'SELECT 1 AS one FROM appointments WHERE doctor_id = ? AND patient_id = ? LIMIT 1',
  );

  /** An export the caller may not see is answered as if it did not exist. */
  const visibleExport = (id: number, session: SessionInfo) => {
    if (!exports.visible(id, session)) throw new UserError('not_found', 'That export does not exist.');
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
      const exportId = exports.startHistory(input.patientId, actorOf(session), undefined, {
        confirmRecentEmailChange: input.confirmRecentEmailChange,
      });
      ctx.changed('exports');
      return { exportId };
    },
    'exports/requestHistory': (input, ctx) => {
      const session = requireSession(ctx);
      const exportId = exports.requestHistory(input.patientId, actorOf(session));
      ctx.changed('exports');
      return { exportId };
    },
    'exports/approve': (input, ctx) => {
      const session = requireSession(ctx);
      visibleExport(input.id, session);
      const exportId = exports.approve(input.id, actorOf(session), {
        confirmRecentEmailChange: input.confirmRecentEmailChange,
      });
      ctx.changed('exports');
      return { exportId };
    },
    'exports/refuse': (input, ctx) => {
      const session = requireSession(ctx);
      visibleExport(input.id, session);
      const item = exports.refuse(input.id, actorOf(session), input.reason);
      ctx.changed('exports');
      return item;
    },
    'exports/startRange': (input, ctx) => {
      const session = requireSession(ctx);
      const exportId = exports.startRange(input.from, input.to, actorOf(session));
      ctx.changed('exports');
      return { exportId };
    },
    'exports/list': (input, ctx) => {
      const session = requireSession(ctx);
      return exports.list(input.limit, session).map((item) => forRole(item, session));
    },
    'exports/retry': (input, ctx) => {
      const session = requireSession(ctx);
      visibleExport(input.id, session);
      const exportId = exports.retry(input.id, actorOf(session));
      ctx.changed('exports');
      return { exportId };
    },
    'exports/resend': (input, ctx) => {
      const session = requireSession(ctx);
      visibleExport(input.id, session);
      const item = exports.resend(input.id, actorOf(session));
      ctx.changed('email_outbox', 'exports');
      return item;
    },
    'exports/reveal': (input, ctx) => {
      const session = requireSession(ctx);
      visibleExport(input.id, session);
      const item = exports.get(input.id);
      if (!item?.filePath) throw new UserError('conflict', 'This export has no file yet.');
      if (!background.desktop) return { shown: false, path: item.filePath };
      background.desktop.showItemInFolder(item.filePath);
      return { shown: true, path: item.filePath };
    },
  };
};
