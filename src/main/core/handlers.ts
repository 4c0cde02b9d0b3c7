import type { ChannelName } from '../../shared/contract';
import { authHandlers } from './auth/handlers';
import type { HandlerMap } from './handler';
import { patientHandlers } from './patients/handlers';
import type { Services } from './services';
import { staffHandlers } from './staff/handlers';
import { statsHandlers } from './stats/handlers';

/**
 * Every domain's handlers merged into one map. The type demands exactly one handler per contract
 * channel, so adding a channel without its handler does not compile.
 */
export function allHandlers(services: Services): HandlerMap<ChannelName> {
  return {
    ...authHandlers(services),
    ...patientHandlers(services),
    ...staffHandlers(services),
    ...statsHandlers(services),
  };
}
