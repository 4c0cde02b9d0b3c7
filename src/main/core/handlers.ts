import type { ChannelName } from '../../shared/contract';
import { authHandlers } from './auth/handlers';
import type { HandlerMap } from './handler';
import { exportHandlers } from './jobs/export/handlers';
import { jobHandlers } from './jobs/handlers';
import { reportHandlers } from './jobs/report-handlers';
import { mailHandlers } from './mail/handlers';
import { patientHandlers } from './patients/handlers';
import type { Services } from './services';
import { staffHandlers } from './staff/handlers';

/**
 * Every domain's handlers merged into one map. The type demands exactly one handler per contract
 * channel, so adding a channel without its handler does not compile.
 */
export function allHandlers(services: Services): HandlerMap<ChannelName> {
  return {
    ...authHandlers(services),
    ...patientHandlers(services),
    ...staffHandlers(services),
    ...mailHandlers(services),
    ...jobHandlers(services),
    ...reportHandlers(services),
    ...exportHandlers(services),
  };
}
