import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_NETWORK_PORT,
  networkConfigureInput,
  type NetworkDevice,
  type NetworkStatus,
} from '../../../src/shared/channels/network';
import { fail, ok, type Result } from '../../../src/shared/result';
import { unreachableMessage, untrustedMessage } from '../../../src/main/network/link';
import {
  type Bundle,
  bundleComponent,
  launchBrowser,
  mountInChromium,
  type Mounted,
} from './support/mount-in-chromium';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => ((i * 37 + 11) % 256).toString(16).padStart(2, '0'))
  .join(':')
  .toUpperCase();
const CODE = 'K7QM-2P9X';
const WRONG_CODE =
  'That pairing code is not valid: it may be mistyped, already used or older than 10 minutes. Create a new one on the host.';

type Overrides = Record<string, (input: unknown) => Result<unknown>>;

/**
 * The host's side of Settings › Network as main answers it: hosting off at first, two paired PCs
 * (one already revoked). Input is checked with the contract's own schema, as the Dispatcher does.
 * `overrides` replace single channels' answers (refusals).
 */
function standInHost(overrides: Overrides = {}) {
  const status: NetworkStatus = {
    hosting: false,
    port: DEFAULT_NETWORK_PORT,
    listening: false,
    problem: null,
    fingerprint: null,
    addresses: [],
  };
  const devices: NetworkDevice[] = [
    {
      id: 2,
      name: 'Consulting room 2',
      pairedAt: '2026-03-09T08:15:00.000Z',
      lastSeenAt: '2026-03-10T08:59:30.000Z',
      revokedAt: null,
    },
    { id: 3, name: 'Old laptop', pairedAt: '2026-02-01T10:00:00.000Z', lastSeenAt: null, revokedAt: null },
    {
      id: 1,
      name: 'Stolen tablet',
      pairedAt: '2026-01-05T12:00:00.000Z',
      lastSeenAt: '2026-01-20T16:45:00.000Z',
      revokedAt: '2026-01-21T09:00:00.000Z',
    },
  ];
  const answer = (channel: string, input: unknown): Result<unknown> => {
    const override = overrides[channel];
    if (override) return override(input);
    switch (channel) {
      case 'network/status':
        return ok(status);
      case 'network/configure': {
        const parsed = networkConfigureInput.safeParse(input);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return fail('invalid_input', `Some details need correcting. ${issue?.message ?? ''}`);
        }
        Object.assign(status, {
          hosting: parsed.data.enabled,
          port: parsed.data.port,
          listening: parsed.data.enabled,
          fingerprint: status.fingerprint ?? (parsed.data.enabled ? FINGERPRINT : null),
          addresses: parsed.data.enabled ? [`192.168.1.20:${parsed.data.port}`] : [],
        });
        return ok(status);
      }
      case 'network/createPairingCode':
        return ok({ code: CODE, expiresAt: '2026-03-10T09:10:00.000Z' });
      case 'network/devices':
        return ok(devices);
      case 'network/revokeDevice': {
        const device = devices.find((d) => d.id === (input as { id: number }).id);
        if (!device) return fail('not_found', 'That PC is not paired with this host.');
        device.revokedAt = '2026-03-10T09:00:00.000Z';
        return ok(device);
      }
      default:
        return fail('internal', `No stand-in for ${channel}`);
    }
  };
  return { status, devices, answer };
}

// Each test mounts a fresh page; on a loaded machine that alone can take several seconds.
describe('the screens of several PCs, in Chromium', { timeout: 90_000 }, () => {
  let browser: Browser;
  let panel: Bundle;
  let joinForm: Bundle;
  let mounted: Mounted | undefined;

  beforeAll(async () => {
    [browser, panel, joinForm] = await Promise.all([
      launchBrowser(),
      bundleComponent({ from: 'src/renderer/src/features/network/NetworkPanel', name: 'NetworkPanel' }),
      bundleComponent({ from: 'src/renderer/src/features/network/JoinHostForm', name: 'JoinHostForm' }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await mounted?.close();
    await browser?.close();
  });

  async function mount(bundle: Bundle, answer: (channel: string, input: unknown) => Result<unknown>) {
    await mounted?.close();
    mounted = await mountInChromium(browser, bundle, answer);
    return mounted;
  }

  describe('Settings › Network (on the host)', () => {
    const HOSTING = 'Let other PCs in this clinic connect';

    it('hosting off: no address and no pairing; turning it on sends the port and shows where to connect and the fingerprint', async () => {
      const host = standInHost();
      const { page, calls } = await mount(panel, host.answer);
      const section = page.getByRole('region', { name: 'Network' });
      const hosting = section.getByRole('switch', { name: HOSTING });
      await hosting.waitFor({ state: 'attached' });
      expect(await hosting.isChecked()).toBe(false);
      expect(await section.getByRole('button', { name: 'Pair a PC' }).isDisabled()).toBe(true);
      expect(await section.innerText()).toContain(
        'Certificate fingerprint (compare it on the other PC): made when you first turn this on',
      );
      expect(await section.innerText()).not.toContain('Other PCs connect to');

      await hosting.click();
      await section.getByText(FINGERPRINT).waitFor();
      expect(calls.filter((c) => c.channel === 'network/configure')).toEqual([
        { channel: 'network/configure', input: { enabled: true, port: 7443 } },
      ]);
      expect(await hosting.isChecked()).toBe(true);
      expect(await section.innerText()).toContain('Other PCs connect to: 192.168.1.20:7443.');
      expect(await section.getByRole('button', { name: 'Pair a PC' }).isEnabled()).toBe(true);

      await hosting.click();
      await section.getByText('Other PCs connect to').waitFor({ state: 'detached' });
      expect(calls.filter((c) => c.channel === 'network/configure').at(-1)?.input).toEqual({
        enabled: false,
        port: 7443,
      });
      expect(await section.getByRole('button', { name: 'Pair a PC' }).isDisabled()).toBe(true);
    });

    it('a port that cannot be opened: the sentence, and no pairing code can be made', async () => {
      const problem = 'Port 7443 is already used by another program on this PC. Choose another port.';
      const host = standInHost();
      Object.assign(host.status, { hosting: true, listening: false, problem, fingerprint: FINGERPRINT });
      const { page } = await mount(panel, host.answer);
      await page.getByText(problem).waitFor();
      expect(await page.getByRole('button', { name: 'Pair a PC' }).isDisabled()).toBe(true);
      expect(await page.getByText('Other PCs connect to').count()).toBe(0);
    });

    it('a port main refuses: its sentence is shown and hosting stays as it was', async () => {
      const host = standInHost();
      const { page, calls } = await mount(panel, host.answer);
      const port = page.getByRole('textbox', { name: 'Port' });
      await port.fill('80');
      await page.getByRole('button', { name: 'Save port' }).click();
      await page.getByText('Some details need correcting. Choose a port from 1024 to 65535.').waitFor();
      expect(calls.at(-1)).toEqual({ channel: 'network/configure', input: { enabled: false, port: 80 } });
      expect(host.status).toMatchObject({ hosting: false, port: 7443 });
      expect(await page.getByRole('switch', { name: HOSTING }).isChecked()).toBe(false);
    });

    it('a saved port is shown as saved, even when reading the status again fails afterwards', async () => {
      const host = standInHost();
      let reads = 0;
      // The first read of the status shows the panel; every later one fails (the host is busy).
      const answer = (channel: string, input: unknown) =>
        channel === 'network/status' && ++reads > 1
          ? fail('internal', 'The status could not be read.')
          : host.answer(channel, input);
      const { page, calls } = await mount(panel, answer);
      const port = page.getByRole('textbox', { name: 'Port' });
      await port.fill('7450');
      await page.getByRole('button', { name: 'Save port' }).click();
      await page.getByRole('button', { name: 'Save port' }).and(page.locator(':disabled')).waitFor();
      expect(calls.filter((c) => c.channel === 'network/configure')).toEqual([
        { channel: 'network/configure', input: { enabled: false, port: 7450 } },
      ]);
      expect(host.status.port).toBe(7450);
      expect(await port.inputValue()).toBe('7450');
    });

    it('"Pair a PC" shows the one-time code and until when it works', async () => {
      const host = standInHost();
      Object.assign(host.status, { hosting: true, listening: true, fingerprint: FINGERPRINT });
      const { page, calls } = await mount(panel, host.answer);
      await page.getByRole('button', { name: 'Pair a PC' }).click();
      const shown = page.getByRole('status');
      await shown.waitFor();
      expect(await shown.innerText()).toBe(`Code ${CODE} — works once, until 09:10:00.`);
      expect(calls.filter((c) => c.channel === 'network/createPairingCode')).toEqual([
        { channel: 'network/createPairingCode', input: {} },
      ]);
    });

    it('a pairing code the host refuses: the sentence, and no code', async () => {
      const refusal = 'Only an administrator can do this. Sign in as one and try again.';
      const host = standInHost({ 'network/createPairingCode': () => fail('forbidden', refusal) });
      Object.assign(host.status, { hosting: true, listening: true, fingerprint: FINGERPRINT });
      const { page } = await mount(panel, host.answer);
      await page.getByRole('button', { name: 'Pair a PC' }).click();
      await page.getByText(refusal).waitFor();
      expect(await page.getByRole('status').count()).toBe(0);
    });

    it('lists the paired PCs: name, when paired, when last seen; a revoked one has no Revoke button', async () => {
      const { page } = await mount(panel, standInHost().answer);
      const table = page.getByRole('table', { name: 'Paired PCs' });
      await table.waitFor();
      const rows = await table.getByRole('row').allInnerTexts();
      expect(rows.map((row) => row.split('\t').map((cell) => cell.trim()))).toEqual([
        ['PC', 'Paired', 'Last seen', ''],
        ['Consulting room 2', '09/03/2026, 08:15:00', '10/03/2026, 08:59:30', 'Revoke Consulting room 2'],
        ['Old laptop', '01/02/2026, 10:00:00', 'never', 'Revoke Old laptop'],
        ['Stolen tablet', '05/01/2026, 12:00:00', '20/01/2026, 16:45:00', 'Revoked'],
      ]);
      expect(await page.getByRole('button', { name: /^Revoke/ }).count()).toBe(2);
    });

    it('revoking asks first: Cancel sends nothing; Revoke stops that PC and the list shows it revoked', async () => {
      const host = standInHost();
      const { page, calls } = await mount(panel, host.answer);
      await page.getByRole('button', { name: 'Revoke Consulting room 2' }).click();
      const dialog = page.getByRole('dialog', { name: 'Revoke Consulting room 2' });
      await dialog
        .getByText(
          'Consulting room 2 can no longer connect to this clinic: its next call is refused. To use it again, pair it anew with a new code.',
        )
        .waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(calls.map((c) => c.channel)).not.toContain('network/revokeDevice');

      await page.getByRole('button', { name: 'Revoke Consulting room 2' }).click();
      await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(calls.filter((c) => c.channel === 'network/revokeDevice')).toEqual([
        { channel: 'network/revokeDevice', input: { id: 2 } },
      ]);
      await page.getByRole('button', { name: 'Revoke Consulting room 2' }).waitFor({ state: 'detached' });
      const row = page.getByRole('row', { name: /Consulting room 2/ });
      expect(await row.innerText()).toContain('Revoked');
    });

    it('a revoke the host refuses: its sentence in the dialog, and the PC is still listed as paired', async () => {
      const refusal = 'That PC is not paired with this host.';
      const { page } = await mount(
        panel,
        standInHost({ 'network/revokeDevice': () => fail('not_found', refusal) }).answer,
      );
      await page.getByRole('button', { name: 'Revoke Old laptop' }).click();
      const dialog = page.getByRole('dialog', { name: 'Revoke Old laptop' });
      await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
      const alert = dialog.getByRole('alert');
      await alert.waitFor();
      expect(await alert.innerText()).toContain('Not done');
      expect(await alert.innerText()).toContain(refusal);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByRole('button', { name: 'Revoke Old laptop' }).isEnabled()).toBe(true);
    });

    it('the list cannot be loaded: says so in a sentence, with Try again', async () => {
      const refusal = 'Only an administrator can see this. Sign in as one and try again.';
      let refuse = true;
      const host = standInHost({
        'network/devices': () => (refuse ? fail('forbidden', refusal) : ok(host.devices)),
      });
      const { page } = await mount(panel, host.answer);
      const alert = page.getByRole('alert').filter({ hasText: 'Could not load the paired PCs' });
      await alert.getByText(refusal).waitFor();
      refuse = false;
      await alert.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('table', { name: 'Paired PCs' }).waitFor();
    });

    it('no PC paired yet: says so', async () => {
      const host = standInHost({ 'network/devices': () => ok([]) });
      const { page } = await mount(panel, host.answer);
      await page.getByText('No PC is paired with this one yet.').waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
    });
  });

  describe("First run on another PC: Connect to this clinic's host", () => {
    const ADDRESS_NEEDED = "Enter the host PC's address, e.g. 192.168.1.20:7443.";

    /** probe answers the host at `address` (default port added), join answers as `join` says. */
    const standInJoin =
      (join: (input: unknown) => Result<unknown> = () => ok({ restarting: true })) =>
      (channel: string, input: unknown): Result<unknown> => {
        if (channel === 'network/probe') {
          const typed = (input as { address: string }).address.trim();
          if (typed.startsWith('10.')) return fail('conflict', unreachableMessage(typed));
          return ok({ address: typed.includes(':') ? typed : `${typed}:7443`, fingerprint: FINGERPRINT });
        }
        if (channel === 'network/join') return join(input);
        return fail('internal', `No stand-in for ${channel}`);
      };

    async function findHost(mountedForm: Mounted, address: string) {
      await mountedForm.page.getByRole('textbox', { name: 'Host PC address' }).fill(address);
      await mountedForm.page.getByRole('button', { name: 'Find the host' }).click();
    }

    it('no address: the sentence under the field, and nothing is asked', async () => {
      const form = await mount(joinForm, standInJoin());
      await form.page.getByRole('button', { name: 'Find the host' }).click();
      await form.page.getByText(ADDRESS_NEEDED).waitFor();
      expect(
        await form.page.getByRole('textbox', { name: 'Host PC address' }).getAttribute('aria-invalid'),
      ).toBe('true');
      expect(form.calls).toEqual([]);
    });

    it('a host that cannot be reached: the plain sentence, and no code is asked for', async () => {
      const form = await mount(joinForm, standInJoin());
      await findHost(form, '10.0.0.99:7443');
      const alert = form.page.getByRole('alert');
      await alert.getByText(unreachableMessage('10.0.0.99:7443')).waitFor();
      expect(await alert.innerText()).toContain('Not connected');
      expect(await form.page.getByRole('textbox', { name: 'Pairing code' }).count()).toBe(0);
    });

    it('shows the fingerprint to compare before any code; an empty code and name get sentences and nothing is sent', async () => {
      const form = await mount(joinForm, standInJoin());
      await findHost(form, '192.168.1.20:7443');
      await form.page.getByText(FINGERPRINT).waitFor();
      expect(
        await form.page.getByRole('region', { name: "Connect to this clinic's host" }).innerText(),
      ).toContain(
        `The host's fingerprint is ${FINGERPRINT}. Continue only if it is the same as in Settings › Network on the host.`,
      );
      await form.page.getByRole('button', { name: 'The fingerprints match: connect' }).click();
      await form.page.getByText('Enter the pairing code shown on the host.').waitFor();
      await form.page.getByText('Name this PC, e.g. Consulting room 2.').waitFor();
      expect(form.calls.map((c) => c.channel)).toEqual(['network/probe']);
    });

    it("a wrong code, then the throttle: the host's sentences plainly, and the form stays to try again", async () => {
      const throttled =
        'Too many wrong pairing codes. Try again in 8 seconds, or create a new code on the host.';
      let tries = 0;
      const form = await mount(
        joinForm,
        standInJoin(() => {
          tries += 1;
          return tries === 1 ? fail('conflict', WRONG_CODE) : fail('too_many_attempts', throttled);
        }),
      );
      await findHost(form, '192.168.1.20:7443');
      await form.page.getByRole('textbox', { name: 'Pairing code' }).fill('AAAA-AAAA');
      await form.page.getByRole('textbox', { name: 'Name of this PC' }).fill('Room 2');
      const connect = form.page.getByRole('button', { name: 'The fingerprints match: connect' });
      await connect.click();
      await form.page.getByRole('alert').getByText(WRONG_CODE).waitFor();
      await form.page.getByRole('textbox', { name: 'Pairing code' }).fill('AAAA-AAAB');
      await connect.click();
      await form.page.getByRole('alert').getByText(throttled).waitFor();
      expect(await form.page.getByRole('alert').innerText()).toContain('Not connected');
      expect(await form.page.getByRole('status').count()).toBe(0);
    });

    it('a PC that shows another certificate: the sentence that nothing was sent to it', async () => {
      const refused = untrustedMessage('192.168.1.20:7443');
      const form = await mount(
        joinForm,
        standInJoin(() => fail('conflict', refused)),
      );
      await findHost(form, '192.168.1.20:7443');
      await form.page.getByRole('textbox', { name: 'Pairing code' }).fill(CODE);
      await form.page.getByRole('textbox', { name: 'Name of this PC' }).fill('Room 2');
      await form.page.getByRole('button', { name: 'The fingerprints match: connect' }).click();
      await form.page.getByRole('alert').getByText(refused).waitFor();
    });

    it('pairs: join gets the address the host answered, the compared fingerprint, the code and the name', async () => {
      const form = await mount(joinForm, standInJoin());
      // No port typed: the host's answer adds the default one, and the pairing step must still appear.
      await findHost(form, '192.168.1.20');
      await form.page.getByRole('textbox', { name: 'Pairing code' }).fill(` ${CODE} `);
      await form.page.getByRole('textbox', { name: 'Name of this PC' }).fill('Consulting room 2');
      await form.page.getByRole('button', { name: 'The fingerprints match: connect' }).click();
      await form.page
        .getByRole('status')
        .getByText("Paired. Clinic Desk is restarting as this clinic's PC; sign in as yourself.")
        .waitFor();
      expect(form.calls).toEqual([
        { channel: 'network/probe', input: { address: '192.168.1.20' } },
        {
          channel: 'network/join',
          input: {
            address: '192.168.1.20:7443',
            fingerprint: FINGERPRINT,
            code: ` ${CODE} `,
            deviceName: 'Consulting room 2',
          },
        },
      ]);
    });

    it('another address after finding a host: back to "Find the host", and no code is sent to the old one', async () => {
      const form = await mount(joinForm, standInJoin());
      await findHost(form, '192.168.1.20:7443');
      await form.page.getByRole('textbox', { name: 'Pairing code' }).waitFor();
      await form.page.getByRole('textbox', { name: 'Host PC address' }).fill('192.168.1.21:7443');
      await form.page.getByRole('button', { name: 'Find the host' }).waitFor();
      expect(await form.page.getByRole('textbox', { name: 'Pairing code' }).count()).toBe(0);
      expect(await form.page.getByText(FINGERPRINT).count()).toBe(0);
    });
  });
});
