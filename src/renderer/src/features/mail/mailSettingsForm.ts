import { mailSettingsInput, type ChannelInput } from '../../../../shared/contract';
import type { MailSettingsView } from '../../../../shared/dto/jobs';
import type { FieldIssue } from '../../../../shared/result';
import { schemaIssues } from '../../lib/formErrors';

export type MailSettingsValues = {
  host: string;
  port: string;
  security: string;
  username: string;
  fromAddress: string;
  password: string;
  reminderTime: string;
  reportDay: string;
  reportTime: string;
};

export function formValues(view: MailSettingsView): MailSettingsValues {
  return {
    host: view.host,
    port: String(view.port),
    security: view.security,
    username: view.username,
    fromAddress: view.fromAddress,
    password: '',
    reminderTime: view.schedule.reminderTime,
    reportDay: String(view.schedule.reportDay),
    reportTime: view.schedule.reportTime,
  };
}

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** The request: an empty password field means "keep the stored one". */
export function mailSettingsRequest(values: MailSettingsValues): ChannelInput<'mail/saveSettings'> {
  const { password, port, reportDay, security, ...rest } = values;
  return {
    ...rest,
    security: security as ChannelInput<'mail/saveSettings'>['security'],
    port: toNumber(port),
    reportDay: toNumber(reportDay),
    ...(password === '' ? {} : { password }),
  };
}

export function validateMailSettings(values: MailSettingsValues): FieldIssue[] {
  return schemaIssues(mailSettingsInput, mailSettingsRequest(values));
}
