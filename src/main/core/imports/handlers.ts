import type { importChannels } from '../../../shared/channels/imports';
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
      actor: { userId: session.userId, username: session.username },
    });
  },

  'imports/run': async (input, ctx) => {
    const session = requireSession(ctx);
    const summary = await imports.run(input.uploadId, {
      mapping: input.mapping,
      dateOrder: input.dateOrder,
      dryRun: false,
      actor: { userId: session.userId, username: session.username },
    });
    ctx.changed('patients', 'audit_log', 'settings');
    return summary;
  },
});
