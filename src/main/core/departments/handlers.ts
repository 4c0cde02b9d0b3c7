import type { departmentChannels } from '../../../shared/channels/departments';
import { actorOf } from '../audit/actor';
import { requireSession, type DomainHandlers } from '../handler';
import { departmentChanges, explainDuplicateName } from './rules';
import { departmentStore, toSummary } from './store';

export const departmentHandlers: DomainHandlers<typeof departmentChannels> = ({ sqlite, audit, clock }) => {
  const store = departmentStore(sqlite);
  const now = (): number => clock.now().getTime();

  return {
    'departments/list': (input) => store.list(input.includeRetired).map(toSummary),

    'departments/create': (input, ctx) => {
      const session = requireSession(ctx);
      let id: number;
      try {
        id = sqlite.transaction(() => {
          const newId = store.insert(input, now());
          audit.record(actorOf(session), {
            action: 'create',
            entity: 'department',
            entityId: newId,
            summary: `Created department ${input.name}`,
          });
          return newId;
        })();
      } catch (error) {
        return explainDuplicateName(error, input.name);
      }
      ctx.changed('departments');
      return toSummary(store.require(id));
    },

    'departments/update': (input, ctx) => {
      const session = requireSession(ctx);
      try {
        sqlite.transaction(() => {
          const row = store.require(input.id);
          const changes = departmentChanges(row, input);
          if (changes.length === 0) return;
          store.update(row.id, input, now());
          audit.record(actorOf(session), {
            action: 'update',
            entity: 'department',
            entityId: row.id,
            summary: `Updated department ${input.name}: ${changes.join('; ')}`,
          });
          ctx.changed('departments', 'doctors');
        })();
      } catch (error) {
        explainDuplicateName(error, input.name);
      }
      return toSummary(store.require(input.id));
    },

    'departments/setActive': (input, ctx) => {
      const session = requireSession(ctx);
      sqlite.transaction(() => {
        const row = store.require(input.id);
        if ((row.active === 1) === input.active) return;
        store.setActive(row.id, input.active, now());
        audit.record(actorOf(session), {
          action: input.active ? 'reinstate' : 'retire',
          entity: 'department',
          entityId: row.id,
          summary: `${input.active ? 'Reinstated' : 'Retired'} department ${row.name}`,
        });
        ctx.changed('departments');
      })();
      return toSummary(store.require(input.id));
    },
  };
};
