import type { staffChannels } from '../../../shared/channels/staff';
import { ROLE_LABELS } from '../../../shared/roles';
import { actorOf } from '../audit/actor';
import { hashPassword } from '../auth/password';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import {
  explainConflict,
  linkableDoctor,
  refuseLosingLastAdmin,
  staffChanges,
  usernameTakenError,
} from './rules';
import { staffStore, toSummary } from './store';

export const staffHandlers: DomainHandlers<typeof staffChannels> = ({
  sqlite,
  audit,
  clock,
  logger,
  passwordCost,
}) => {
  const store = staffStore(sqlite);
  const now = (): number => clock.now().getTime();

  return {
    'staff/list': () => store.list().map(toSummary),

    'staff/create': async (input, ctx) => {
      const session = requireSession(ctx);
      const hash = await hashPassword(input.password, passwordCost);
      const id = (() => {
        try {
          return sqlite
            .transaction(() => {
              if (store.usernameTaken(input.username)) throw usernameTakenError(input.username);
              const doctor = input.doctorId === null ? null : linkableDoctor(store, input.doctorId, null);
              const newId = store.insert(input, hash, now());
              audit.record(actorOf(session), {
                action: 'create',
                entity: 'staff_user',
                entityId: newId,
                summary: `Created ${ROLE_LABELS[input.role].toLowerCase()} account ${input.username} (${input.fullName})${doctor ? ` for ${doctor.full_name}` : ''}`,
              });
              return newId;
            })
            .immediate();
        } catch (error) {
          return explainConflict(error, input.username);
        }
      })();
      logger.log('info', 'staff account created', { userId: id, role: input.role, by: session.userId });
      ctx.changed('staff_users');
      return toSummary(store.require(id));
    },

    'staff/update': (input, ctx) => {
      const session = requireSession(ctx);
      try {
        sqlite
          .transaction(() => {
            const row = store.require(input.id);
            if (row.role === 'admin' && input.role !== 'admin') {
              refuseLosingLastAdmin(row, store.activeAdmins(), 'change their role');
            }
            const doctor = input.doctorId === null ? null : linkableDoctor(store, input.doctorId, row.id);
            const changes = staffChanges(row, input, doctor);
            if (changes.length === 0) return;
            store.update(row.id, input, now());
            audit.record(actorOf(session), {
              action: 'update',
              entity: 'staff_user',
              entityId: row.id,
              summary: `Updated account ${row.username}: ${changes.join('; ')}`,
            });
            ctx.changed('staff_users');
          })
          .immediate();
      } catch (error) {
        explainConflict(error, '');
      }
      return toSummary(store.require(input.id));
    },

    'staff/setActive': (input, ctx) => {
      const session = requireSession(ctx);
      sqlite
        .transaction(() => {
          const row = store.require(input.id);
          if ((row.active === 1) === input.active) return;
          if (!input.active) {
            if (row.id === session.userId) {
              throw new UserError(
                'conflict',
                'You cannot deactivate your own account. Another administrator can do it.',
              );
            }
            refuseLosingLastAdmin(row, store.activeAdmins(), 'deactivate them');
          }
          store.setActive(row.id, input.active, now());
          audit.record(actorOf(session), {
            action: input.active ? 'reactivate' : 'deactivate',
            entity: 'staff_user',
            entityId: row.id,
            summary: `${input.active ? 'Reactivated' : 'Deactivated'} account ${row.username} (${row.full_name})`,
          });
          ctx.changed('staff_users');
        })
        .immediate();
      return toSummary(store.require(input.id));
    },

    'staff/resetPassword': async (input, ctx) => {
      const session = requireSession(ctx);
      store.require(input.id);
      const hash = await hashPassword(input.password, passwordCost);
      sqlite
        .transaction(() => {
          const row = store.require(input.id);
          store.setPassword(row.id, hash, now());
          audit.record(actorOf(session), {
            action: 'reset_password',
            entity: 'staff_user',
            entityId: row.id,
            summary: `Set a new password for ${row.username} and cleared failed sign-ins`,
          });
        })
        .immediate();
      logger.log('info', 'staff password reset', { userId: input.id, by: session.userId });
      ctx.changed('staff_users');
      return null;
    },
  };
};
