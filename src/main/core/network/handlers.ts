import type { networkChannels, NetworkStatus } from '../../../shared/channels/network';
import { actorOf } from '../audit/actor';
import { requireSession, type DomainHandlers } from '../handler';
import type { Services } from '../services';
import { UserError } from '../errors';
import { storedFingerprint } from './certificate';
import { NO_JOINER } from './host-control';

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

export const networkHandlers: DomainHandlers<typeof networkChannels> = (services) => {
  const { settings, audit, network, sqlite } = services;
  /** Joining another host is for a PC with no clinic of its own: never once staff exist here. */
  const refuseWhenSetUp = () => {
    const staff = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM staff_users').get();
    if ((staff?.n ?? 0) > 0) {
      throw new UserError(
        'already_set_up',
        'This PC already holds a clinic. A PC that connects to a host must start from an empty data folder.',
      );
    }
    if (!network.joiner) throw new UserError('forbidden', NO_JOINER);
    return network.joiner;
  };
  const joinFailed = (error: unknown): never => {
    if (error instanceof UserError) throw error;
    throw new UserError(
      'conflict',
      error instanceof Error ? error.message : 'The host could not be reached.',
    );
  };
  return {
    'network/probe': async (input) => {
      const joiner = refuseWhenSetUp();
      return joiner.probe(input.address).catch(joinFailed);
    },
    'network/join': async (input) => {
      const joiner = refuseWhenSetUp();
      await joiner.join(input).catch(joinFailed);
      return { restarting: true };
    },
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
