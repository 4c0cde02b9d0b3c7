import type { NetworkStatus } from '../../../shared/channels/network';
import { actorOf } from '../audit/actor';
import { requireSession, type DomainHandlers } from '../handler';
import type { Services } from '../services';
import { storedFingerprint } from './certificate';

type NetworkChannels =
  | 'network/status'
  | 'network/configure'
  | 'network/createPairingCode'
  | 'network/devices'
  | 'network/revokeDevice';

function status({ settings, network, dataDir }: Services): NetworkStatus {
  const hosting = settings.get('networkHosting');
  const state = network.host.state();
  return {
    hosting,
    port: settings.get('networkPort'),
    listening: state.listening,
    problem: hosting && !state.listening ? state.problem : null,
    fingerprint: storedFingerprint(dataDir),
    addresses: state.addresses,
  };
}

export const networkHandlers: DomainHandlers<NetworkChannels> = (services) => {
  const { settings, audit, network, sqlite } = services;
  return {
    'network/status': () => status(services),
    'network/configure': async (input, ctx) => {
      const session = requireSession(ctx);
      sqlite.transaction(() => {
        settings.set('networkHosting', input.enabled);
        settings.set('networkPort', input.port);
        audit.record(actorOf(session), {
          action: 'update',
          entity: 'network',
          summary: input.enabled
            ? `Other PCs may connect on port ${input.port}`
            : 'Other PCs may no longer connect',
        });
      })();
      ctx.changed('settings');
      await network.host.apply();
      return status(services);
    },
    'network/createPairingCode': (_input, ctx) => {
      const code = network.devices.createCode(actorOf(requireSession(ctx)));
      ctx.changed('network_pairing_codes');
      return code;
    },
    'network/devices': () => network.devices.list(),
    'network/revokeDevice': (input, ctx) => {
      const device = network.devices.revoke(input.id, actorOf(requireSession(ctx)));
      ctx.changed('network_devices');
      return device;
    },
  };
};
