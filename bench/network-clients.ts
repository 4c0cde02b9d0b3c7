/**
 * The simulated client PCs of the `network-clients` bench row, in their own process so the host's
 * event loop is measured alone. Each client pairs with the host, signs in as the front desk and for
 * the given seconds makes a busy desk's calls: search as you type, today's list, book, check in.
 * Usage: tsx bench/network-clients.ts ADDRESS FINGERPRINT SECONDS CODE1,CODE2,… ; prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/main/core/logger';
import { credentialOf, pairWithHost } from '../src/main/network/client-pairing';
import { keyFileSecretStore } from '../src/main/network/key-file-secret-store';
import { connectToHost } from '../src/main/network/remote-core';
import { percentile } from './measure';

const [address = '', fingerprint = '', secondsText = '60', codesText = ''] = process.argv.slice(2);
const seconds = Number(secondsText);
const WORDS = ['a', 'an', 'ann', 'anna', 'm', 'ma', 'mar', 'mari'];
const latencies: number[] = [];
let errors = 0;
let conflicts = 0;
const dir = mkdtempSync(join(tmpdir(), 'cd-bench-clients-'));

/** Pairs and signs in (one client at a time, as PCs are switched on), then returns the load loop. */
async function client(index: number, code: string): Promise<() => Promise<void>> {
  const secrets = keyFileSecretStore(join(dir, String(index)));
  const pairing = await pairWithHost({
    address,
    code,
    deviceName: `Bench PC ${index}`,
    expectedFingerprint: fingerprint,
    secrets,
    now: new Date(),
  });
  const remote = connectToHost({
    pin: pairing,
    credential: await credentialOf(pairing, secrets),
    logger: silentLogger,
  });
  const desk = remote.connect('ipc');
  const timed = async (channel: string, input: unknown) => {
    const started = performance.now();
    const result = await desk.callUnknown(channel, input);
    latencies.push(performance.now() - started);
    if (!result.ok && result.error.code === 'conflict') conflicts += 1;
    else if (!result.ok) errors += 1;
    return result;
  };
  const login = await desk.call('auth/login', { username: 'reception', password: 'large-reception' });
  if (!login.ok) throw new Error(login.error.message);
  const options = await desk.call('appointments/options', {});
  if (!options.ok) throw new Error(options.error.message);
  const doctors = options.value.doctors;
  return async () => {
    const end = performance.now() + seconds * 1000;
    let round = 0;
    while (performance.now() < end) {
      round += 1;
      let patientId = 0;
      for (const word of WORDS.slice((round % 2) * 4, (round % 2) * 4 + 4)) {
        const found = await timed('patients/list', { query: word, limit: 20 });
        const items = found.ok ? (found.value as { items: { id: number }[] }).items : [];
        patientId = items[(round + index) % Math.max(1, items.length)]?.id ?? patientId;
      }
      const doctor = doctors[(index + round) % doctors.length];
      if (!doctor) continue;
      await timed('appointments/list', { doctorId: doctor.id, from: options.value.today, days: 1 });
      const free = await timed('appointments/freeSlots', {
        doctorId: doctor.id,
        from: options.value.today,
        days: 14,
      });
      const slots = free.ok
        ? (free.value as { doctors: { slots: { startsAt: number }[] }[] }).doctors.flatMap((d) => d.slots)
        : [];
      const slot = slots[(index * 7 + round) % Math.max(1, slots.length)];
      if (!slot || !patientId) continue;
      const booked = await timed('appointments/book', {
        patientId,
        doctorId: doctor.id,
        startsAt: slot.startsAt,
        reason: 'Bench',
      });
      if (booked.ok) await timed('appointments/checkIn', { id: (booked.value as { id: number }).id });
    }
    desk.close();
    remote.close();
  };
}

try {
  const loads: (() => Promise<void>)[] = [];
  for (const [index, code] of codesText.split(',').entries()) loads.push(await client(index, code));
  await Promise.all(loads.map((load) => load()));
  console.log(
    JSON.stringify({
      calls: latencies.length,
      errors,
      conflicts,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
