import { settingsUpdateInput, type AdminSettings } from '../../../../shared/channels/settings';
import type { ChannelInput } from '../../../../shared/contract';
import type { FieldIssue } from '../../../../shared/result';
import { schemaIssues } from '../../lib/formErrors';
import { wholeNumber } from '../doctors/doctorForm';

export type SettingsValues = {
  clinicName: string;
  clinicAddress: string;
  clinicPhone: string;
  timeZone: string;
  idleLockMinutes: string;
};

export const settingsValues = (settings: AdminSettings): SettingsValues => ({
  ...settings,
  idleLockMinutes: String(settings.idleLockMinutes),
});

export const settingsRequest = (values: SettingsValues): ChannelInput<'settings/update'> => ({
  ...values,
  idleLockMinutes: wholeNumber(values.idleLockMinutes),
});

export const validateSettings = (values: SettingsValues): FieldIssue[] =>
  schemaIssues(settingsUpdateInput, settingsRequest(values));

/** Every IANA zone this runtime knows, with the current one kept even if the list lacks it. */
export function timeZoneChoices(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  const all = zones.includes('UTC') ? zones : ['UTC', ...zones];
  return all.includes(current) || current === '' ? all : [current, ...all];
}
