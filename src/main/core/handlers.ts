import type { ChannelName } from '../../shared/contract';
import { auditHandlers } from './audit/handlers';
import { appointmentHandlers } from './appointments/handlers';
import { authHandlers } from './auth/handlers';
import { backupHandlers } from './backups/handlers';
import { departmentHandlers } from './departments/handlers';
import { doctorHandlers } from './doctors/handlers';
import type { HandlerMap } from './handler';
import { exportHandlers } from './exports/handlers';
import { followUpHandlers } from './followUps/handlers';
import { importHandlers } from './imports/handlers';
import { jobHandlers } from './jobs/handlers';
import { reportHandlers } from './reports/handlers';
import { mailHandlers } from './mail/handlers';
import { networkHandlers } from './network/handlers';
import { outboxHandlers } from './outbox/handlers';
import { patientHandlers } from './patients/handlers';
import type { Services } from './services';
import { settingsHandlers } from './settings/handlers';
import { staffHandlers } from './staff/handlers';
import { thisPcHandlers } from './thisPc/handlers';
import { treatmentHandlers } from './treatments/handlers';
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
    ...backupHandlers(services),
    ...departmentHandlers(services),
    ...doctorHandlers(services),
    ...auditHandlers(services),
    ...settingsHandlers(services),
    ...appointmentHandlers(services),
    ...treatmentHandlers(services),
    ...mailHandlers(services),
    ...outboxHandlers(services),
    ...jobHandlers(services),
    ...reportHandlers(services),
    ...exportHandlers(services),
    ...statsHandlers(services),
    ...networkHandlers(services),
    ...importHandlers(services),
    ...followUpHandlers(services),
    ...thisPcHandlers(services),
  };
}
