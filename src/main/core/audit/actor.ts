import type { SessionInfo } from '../../../shared/dto';
import type { AuditActor } from './log';

/** The audit trail's "who" for a signed-in caller. */
export const actorOf = (session: SessionInfo): AuditActor => ({
  userId: session.userId,
  username: session.username,
});
