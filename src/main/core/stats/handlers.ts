import type { statsChannels } from '../../../shared/channels/stats';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import { DASHBOARD_TABLES, DOCTOR_TABLES, calendarOf, dashboardStats, doctorStats } from './compute';
import { statsQueries } from './queries';

/**
 * Dashboard figures through the one memo every window shares. Keys carry the clinic's date, so
 * "today" turns over at local midnight even inside the five minutes.
 */
export const statsHandlers: DomainHandlers<typeof statsChannels> = ({
  sqlite,
  clock,
  settings,
  statsMemo,
}) => {
  const queries = statsQueries(sqlite);
  const moment = () => ({ now: clock.now(), timeZone: settings.get('timeZone') });

  return {
    'stats/dashboard': (input) => {
      const at = moment();
      const { today } = calendarOf(at);
      const { value, computedAt } = statsMemo.get(
        `dashboard:${at.timeZone}:${today}`,
        DASHBOARD_TABLES,
        () => dashboardStats(queries, at),
        { force: input.force },
      );
      return { ...value, computedAt: computedAt.toISOString(), servedAt: at.now.toISOString() };
    },
    'stats/doctor': (input, ctx) => {
      const session = requireSession(ctx);
      const doctorId = session.doctorId;
      if (doctorId === null) {
        throw new UserError(
          'not_found',
          'This account is not linked to a doctor, so it has no figures of its own.',
        );
      }
      const at = moment();
      const { today } = calendarOf(at);
      const { value, computedAt } = statsMemo.get(
        `doctor:${doctorId}:${at.timeZone}:${today}`,
        DOCTOR_TABLES,
        () => {
          const doctor = queries.doctor(doctorId);
          if (!doctor)
            throw new UserError('not_found', 'Your doctor record no longer exists. Ask your administrator.');
          return doctorStats(queries, at, { id: doctor.id, name: doctor.full_name });
        },
        { force: input.force },
      );
      return { ...value, computedAt: computedAt.toISOString(), servedAt: at.now.toISOString() };
    },
  };
};
