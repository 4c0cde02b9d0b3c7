import type { importChannels } from '../../../shared/channels/imports';
import { actorOf } from '../audit/actor';
import { requireSession, type DomainHandlers } from '../handler';

export const importHandlers: DomainHandlers<typeof importChannels> = ({ imports }) => ({
  'imports/stage': (input) => imports.stage(input.uploadId, Buffer.from(input.chunk, 'base64')),

  'imports/inspect': (input) => imports.inspect(input.uploadId),

  'imports/dryRun': (input, ctx) => {
    const session = requireSession(ctx);
    return imports.run(input.uploadId, {
      mapping: input.mapping,
      dateOrder: input.dateOrder,
      dryRun: true,
      actor: actorOf(session),
    });
  },

  'imports/run': async (input, ctx) => {
    const session = requireSession(ctx);
    const summary = await imports.run(input.uploadId, {
      mapping: input.mapping,
      dateOrder: input.dateOrder,
      dryRun: false,
      actor: actorOf(session),
    });
    ctx.changed('patients', 'audit_log', 'settings');
    return summary;
  },
});
