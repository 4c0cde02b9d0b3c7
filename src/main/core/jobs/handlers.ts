import type { jobChannels } from '../../../shared/channels/jobs';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import { actorOf } from '../audit/actor';

export const jobHandlers: DomainHandlers<typeof jobChannels> = ({ background }) => ({
  'jobs/list': () => background.scheduler.overview(),
  'jobs/run': async (input, ctx) => {
    const session = requireSession(ctx);
    if (input.period !== undefined) {
      const wanted = input.job === 'reminders' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}$/;
      if (!wanted.test(input.period)) {
        throw new UserError(
          'invalid_input',
          input.job === 'reminders'
            ? 'Reminders run for a day: give it as YYYY-MM-DD.'
            : 'Reports run for a month: give it as YYYY-MM.',
        );
      }
    }
    const run = await background.scheduler.run(input.job, input.period, actorOf(session));
    ctx.changed('job_runs', 'email_outbox', 'monthly_reports');
    return { job: input.job, periods: [run] };
  },
});
