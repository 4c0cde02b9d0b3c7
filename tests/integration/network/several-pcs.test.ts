import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'selfsigned';
import type { NetworkDevice, PairingCode } from '../../../src/shared/channels/network';
import type { PatientSummary } from '../../../src/shared/dto';
import type { FreeSlots } from '../../../src/shared/dto/clinic';
import type { Result } from '../../../src/shared/result';
import { SLOT_TAKEN } from '../../../src/main/core/appointments/booking';
import { HostLink, probeHost } from '../../../src/main/network/link';
import { PATHS } from '../../../src/main/network/protocol';
import { tempDir } from '../../support/temp-core';
import { startWorker, type Worker } from './support/worker';

const NOW = '2026-03-10T09:00:00Z';
const HOST = 'tests/integration/network/support/host-process.ts';
const CLIENT = 'tests/integration/network/support/client-process.ts';

type HostReady = { port: number; fingerprint: string };
type PairReply = { ok: boolean; code?: string; message?: string; deviceId?: number; fingerprint?: string };

/**
 * Issue 14's proof: one real host process and two real client processes on 127.0.0.1 over TLS.
 * The clients have no database; every call goes through the host's Dispatcher.
 */
describe('several PCs, one clinic (host + two clients over TLS)', () => {
  const dirs = { host: tempDir('cd-host-'), a: tempDir('cd-client-a-'), b: tempDir('cd-client-b-') };
  let host: Worker<HostReady>;
  let a: Worker<{ pid: number }>;
  let b: Worker<{ pid: number }>;
  let address = '';
  let deviceA = 0;
  const logins = new Map<string, string>();

  const code = async () =>
    ((await host.request<Result<PairingCode>>({ op: 'code' })) as { value: PairingCode }).value.code;
  const call = <T>(client: Worker<unknown>, channel: string, input: unknown = {}) =>
    client.request<Result<T>>({ op: 'call', channel, input });
  const signIn = async (client: Worker<unknown>, username: string) => {
    const result = await call(client, 'auth/login', { username, password: logins.get(username) });
    expect(result.ok, `sign in as ${username}`).toBe(true);
  };

  beforeAll(async () => {
    [host, a, b] = await Promise.all([
      startWorker<HostReady>(HOST, [dirs.host, NOW]),
      startWorker<{ pid: number }>(CLIENT, [dirs.a, NOW]),
      startWorker<{ pid: number }>(CLIENT, [dirs.b, NOW]),
    ]);
    address = `127.0.0.1:${host.ready.port}`;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), host?.stop()]);
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  });

  it('pairs both PCs with one-time codes, pinning the fingerprint the host shows', async () => {
    const pairA = await a.request<PairReply>({
      op: 'pair',
      address,
      code: await code(),
      name: 'Front desk 2',
      fingerprint: host.ready.fingerprint,
    });
    const pairB = await b.request<PairReply>({
      op: 'pair',
      address,
      code: await code(),
      name: 'Room 1',
      fingerprint: host.ready.fingerprint,
    });
    expect(pairA).toMatchObject({ ok: true, fingerprint: host.ready.fingerprint });
    expect(pairB).toMatchObject({ ok: true, fingerprint: host.ready.fingerprint });
    deviceA = pairA.deviceId ?? 0;
    const devices = (await host.request<Result<NetworkDevice[]>>({ op: 'devices' })) as {
      value: NetworkDevice[];
    };
    expect(devices.value.map((d) => d.name).sort()).toEqual(['Front desk 2', 'Room 1']);
    expect(devices.value.every((d) => d.pairedAt === NOW.replace('Z', '.000Z'))).toBe(true);
    await Promise.all([a.request({ op: 'start' }), b.request({ op: 'start' })]);
    const status = await call<{ demoLogins: { username: string; password: string }[] }>(
      a,
      'auth/setupStatus',
    );
    if (!status.ok) throw new Error(status.error.message);
    for (const login of status.value.demoLogins) logins.set(login.username, login.password);
  });

  it('a used pairing code does not pair a second time', async () => {
    const once = await code();
    const dir = tempDir('cd-client-c-');
    const c = await startWorker<{ pid: number }>(CLIENT, [dir, NOW]);
    try {
      expect(await c.request<PairReply>({ op: 'pair', address, code: once, name: 'Room 2' })).toMatchObject({
        ok: true,
      });
      expect(await c.request<PairReply>({ op: 'pair', address, code: once, name: 'Room 3' })).toMatchObject({
        ok: false,
        code: 'invalid_credentials',
      });
      // A right code afterwards still pairs (and clears the count of wrong ones).
      expect(
        await c.request<PairReply>({ op: 'pair', address, code: await code(), name: 'Room 2' }),
      ).toMatchObject({
        ok: true,
      });
    } finally {
      await c.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two users on two PCs book the same slot at once: exactly one wins, the other hears "just taken"', async () => {
    await signIn(a, 'reception');
    await signIn(b, 'admin');
    const slots = await call<FreeSlots>(a, 'appointments/freeSlots', { from: '2026-03-11', days: 7 });
    if (!slots.ok) throw new Error(slots.error.message);
    const doctor = slots.value.doctors.find((d) => d.slots.length > 0);
    const slot = doctor?.slots[0];
    if (!doctor || !slot) throw new Error('no free slot in the demo clinic');
    const patients = await call<{ items: PatientSummary[] }>(b, 'patients/list', { query: '' });
    if (!patients.ok) throw new Error(patients.error.message);
    const [first, second] = patients.value.items;
    if (!first || !second) throw new Error('demo clinic has too few patients');
    const book = (client: Worker<unknown>, patientId: number) =>
      call(client, 'appointments/book', {
        patientId,
        doctorId: doctor.doctorId,
        startsAt: slot.startsAt,
        reason: 'race',
      });
    const [fromA, fromB] = await Promise.all([book(a, first.id), book(b, second.id)]);
    const results = [fromA, fromB];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({
      ok: false,
      error: { code: 'conflict', message: SLOT_TAKEN },
    });
    // The push that reaches the other PC says where the booking changed appointments: the
    // doctor's local day, so only the screens showing that day refetch (src/shared/changeScope.ts).
    type Pushed = {
      event: string;
      payload: { scope?: { appointments?: { doctorId: number; date: string }[] } };
    };
    const pushed = await (fromA.ok ? b : a).waitFor(
      (m) =>
        (m as Pushed).event === 'data/changed' &&
        ((m as Pushed).payload.scope?.appointments ?? []).some(
          (spot) => spot.doctorId === doctor.doctorId && spot.date === slot.date,
        ),
    );
    expect(pushed).toMatchObject({ payload: { tables: ['appointments', 'email_outbox'] } });
  });

  it("a change on one PC reaches the other PC's event stream without asking", async () => {
    const registered = await call<{ id: number }>(a, 'patients/register', {
      fullName: 'Network Newcomer',
      dateOfBirth: '1990-02-03',
      sex: 'female',
      phone: '+44 7700 900123',
    });
    expect(registered.ok).toBe(true);
    const event = await b.waitFor(
      (m) =>
        (m as { event: string; payload: { tables?: string[] } }).event === 'data/changed' &&
        ((m as { payload: { tables?: string[] } }).payload.tables ?? []).includes('patients'),
    );
    expect(event).toMatchObject({ event: 'data/changed' });
  });

  it('roles apply as on the host: the front desk on a client cannot list staff', async () => {
    expect(await call(a, 'staff/list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(b, 'staff/list')).toMatchObject({ ok: true });
  });

  /** A link straight to the host with client A's device secret, as a thief holding it would make. */
  const linkWithStolenSecret = async () =>
    new HostLink(
      { address, fingerprint: host.ready.fingerprint, certPem: await hostCertPem(address) },
      await a.request<string>({ op: 'credential' }),
    );

  it('a stolen device secret without a user session reads nothing', async () => {
    {
      // Pin straight from the host, as the thief would: the secret is what was stolen.
      const pinned = await linkWithStolenSecret();
      const connected = await pinned.send(PATHS.connect, {});
      const token = (connected.body as { value: { connection: string } }).value.connection;
      for (const channel of ['patients/list', 'appointments/list', 'staff/list', 'network/devices']) {
        const answer = await pinned.send(PATHS.call + channel, {}, token);
        expect(answer.body, channel).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      }
      // Someone else's connection token is not a way in either.
      const other = await pinned.send(PATHS.call + 'patients/list', { query: '' }, 'not-a-token');
      expect(other.status).toBe(410);
      pinned.close();
    }
  });

  it('an oversized or malformed request is answered with a reason, not a dropped connection', async () => {
    const pinned = await linkWithStolenSecret();
    const connected = await pinned.send(PATHS.connect, {});
    const token = (connected.body as { value: { connection: string } }).value.connection;
    const huge = await pinned.send(
      PATHS.call + 'patients/list',
      { query: 'x'.repeat(2 * 1024 * 1024) },
      token,
    );
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ ok: false, error: { message: 'The request is too large.' } });
    pinned.close();
  });

  it('a man in the middle with another certificate is refused before anything is sent', async () => {
    const other = await generate([{ name: 'commonName', value: 'Clinic Desk host' }], {
      keyType: 'ec',
      curve: 'P-256',
    });
    const seen: string[] = [];
    const mitm: Server = createServer({ key: other.private, cert: other.cert }, (req, res) => {
      seen.push(req.url ?? '');
      res.end('{}');
    });
    await new Promise<void>((resolve) => mitm.listen(0, '127.0.0.1', resolve));
    try {
      const port = (mitm.address() as AddressInfo).port;
      await b.request({ op: 'retarget', address: `127.0.0.1:${port}` });
      await b.request({ op: 'start' });
      const result = await call(b, 'patients/list', { query: '' });
      expect(result).toMatchObject({ ok: false, error: { code: 'host_refused' } });
      expect(seen).toEqual([]);
      // Pairing through the impostor is refused too when the person compares the fingerprint.
      expect(
        await b.request<PairReply>({
          op: 'pair',
          address: `127.0.0.1:${port}`,
          code: 'ABCD-EFGH',
          name: 'x',
          fingerprint: host.ready.fingerprint,
        }),
      ).toMatchObject({ ok: false, code: 'host_refused' });
      expect(seen).toEqual([]);
    } finally {
      mitm.closeAllConnections();
      mitm.close();
      await b.request({ op: 'retarget', address });
      await b.request({ op: 'start' });
    }
  });

  it("revoking a device refuses that PC's next call, and only that PC's", async () => {
    expect(await call(a, 'patients/list', { query: '' })).toMatchObject({ ok: true });

    expect(await host.request({ op: 'revoke', deviceId: deviceA })).toMatchObject({ ok: true });

    expect(await call(a, 'patients/list', { query: '' })).toMatchObject({
      ok: false,
      error: { code: 'host_refused' },
    });
    await signIn(b, 'reception');
    expect(await call(b, 'patients/list', { query: '' })).toMatchObject({ ok: true });
  });

  it('wrong pairing codes are throttled: after three, even a right code waits', async () => {
    const dir = tempDir('cd-client-d-');
    const d = await startWorker<{ pid: number }>(CLIENT, [dir, NOW]);
    try {
      const tries: PairReply[] = [];
      for (const wrong of ['AAAA-AAAA', 'BBBB-BBBB', 'CCCC-CCCC', 'DDDD-DDDD'])
        tries.push(await d.request<PairReply>({ op: 'pair', address, code: wrong, name: 'Guess' }));
      expect(tries.map((t) => t.code)).toEqual([
        'invalid_credentials',
        'invalid_credentials',
        'too_many_attempts',
        'too_many_attempts',
      ]);
      expect(
        await d.request<PairReply>({ op: 'pair', address, code: await code(), name: 'Late' }),
      ).toMatchObject({
        ok: false,
        code: 'too_many_attempts',
      });
      const devices = (await host.request<Result<NetworkDevice[]>>({ op: 'devices' })) as {
        value: NetworkDevice[];
      };
      expect(devices.value.map((x) => x.name)).not.toContain('Late');
    } finally {
      await d.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const hostCertPem = async (address: string): Promise<string> => (await probeHost(address)).certPem;
