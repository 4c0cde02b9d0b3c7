import type { settingsChannels } from '../../../shared/channels/settings';
import type { AdminSettings } from '../../../shared/channels/settings';
import { actorOf } from '../audit/actor';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import { isValidTimeZone } from '../time/zone';
import type { SettingsStore } from './store';

const EDITABLE = ['clinicName', 'clinicAddress', 'clinicPhone', 'timeZone', 'idleLockMinutes'] as const;

const LABELS: Record<(typeof EDITABLE)[number], string> = {
  clinicName: 'clinic name',
  clinicAddress: 'address',
  clinicPhone: 'phone',
  timeZone: 'time zone',
  idleLockMinutes: 'idle lock',
};

const readAdmin = (settings: SettingsStore): AdminSettings => ({
  clinicName: settings.get('clinicName'),
  clinicAddress: settings.get('clinicAddress'),
  clinicPhone: settings.get('clinicPhone'),
  timeZone: settings.get('timeZone'),
  idleLockMinutes: settings.get('idleLockMinutes'),
});

/** 'europe/london' → 'Europe/London': stored the way every Intl call will report it. */
const canonicalZone = (timeZone: string): string =>
  new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;

export const settingsHandlers: DomainHandlers<typeof settingsChannels> = ({ sqlite, settings, audit }) => ({
  'settings/get': () => readAdmin(settings),

  'settings/public': () => ({
    clinicName: settings.get('clinicName'),
    timeZone: settings.get('timeZone'),
    idleLockMinutes: settings.get('idleLockMinutes'),
  }),

  'settings/update': (input, ctx) => {
    const session = requireSession(ctx);
    if (!isValidTimeZone(input.timeZone)) {
      throw new UserError('invalid_input', 'Choose a time zone from the list, for example Europe/London.');
    }
    const next: AdminSettings = { ...input, timeZone: canonicalZone(input.timeZone) };
    sqlite.transaction(() => {
      const before = readAdmin(settings);
      const changed = EDITABLE.filter((key) => before[key] !== next[key]);
      if (changed.length === 0) return;
      for (const key of changed) settings.set(key, next[key]);
      const details = changed.map((key) =>
        key === 'timeZone' || key === 'idleLockMinutes'
          ? `${LABELS[key]} ${before[key]} → ${next[key]}`
          : LABELS[key],
      );
      audit.record(actorOf(session), {
        action: 'update',
        entity: 'settings',
        entityId: null,
        summary: `Changed ${details.join(', ')}`,
      });
      ctx.changed('settings');
    })();
    return readAdmin(settings);
  },
});
