/**
 * One simulated client PC of the `network-clients` bench row, in a process of its own (a real PC
 * has its own CPU, so no PC's work delays another's figures). Forked by bench/rows/network.ts and
 * driven over the IPC channel:
 *
 * 1. `start` {address, fingerprint, code, index} → pairs with the host (pinning the fingerprint),
 *    signs in as the front desk, opens the event stream as a desk's open screen does, picks the
 *    patients it will call to the desk and makes one unmeasured round of calls; then `ready`.
 * 2. `go` {seconds, paced} → for that long makes a front desk's calls, each timed as the desk sees
 *    it (from the call until its answer is parsed), one patient at the desk after another: search
 *    as you type (four keystrokes of the patient's name), the doctor's day, check in someone
 *    booked today, that doctor's free slots for two weeks, book the patient into one of them;
 *    then `done` with the figures. The process stays up for the next `go`.
 *
 *    Paced (the busy desk): a person's pauses between the calls (PAUSES_MS, ±50 % at random):
 *    keystrokes 250 ms apart (the renderer's search debounce is 200–250 ms, so each one searches),
 *    about ten seconds per patient, and, as the open day view does, the doctor's day is fetched
 *    again whenever the host pushes a change that touches it (the renderer's `changeTouches`). Unpaced: no pauses and no refetch,
 *    as fast as the host answers (the host's capacity, not a desk).
 */
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { silentLogger } from '../src/main/core/logger';
import { SLOT_TAKEN } from '../src/main/core/appointments/booking';
import { seededRandom } from '../src/main/core/seed/random';
import { credentialOf, pairWithHost } from '../src/main/network/client-pairing';
import { keyFileSecretStore } from '../src/main/network/key-file-secret-store';
import { HostLink } from '../src/main/network/link';
import { connectToHost } from '../src/main/network/remote-core';
import { changeTouches } from '../src/shared/changeScope';
import type { EventMap } from '../src/shared/contract';
import type { AppointmentList, FreeSlots } from '../src/shared/dto/clinic';
import type { Page, PatientSummary } from '../src/shared/dto';
import type { Result } from '../src/shared/result';
import type { EchoReady } from './network-echo';

export interface ClientStart {
  type: 'start';
  address: string;
  fingerprint: string;
  code: string;
  index: number;
  /** The bare TLS server of bench/network-echo.ts: the reference. */
  echo: EchoReady;
}

/** What one PC measured; latencies are per channel, in ms, in call order. */
export interface ClientFigures {
  type: 'done';
  latencies: Record<string, number[]>;
  /** Answers that are not a success and not a business refusal: must stay 0. */
  errors: number;
  errorSamples: string[];
  /** "That slot was just taken": two desks raced for one slot; the right answer, counted apart. */
  slotTaken: number;
  /** Other business refusals (e.g. the patient already has an appointment at that time). */
  refused: number;
  /** `data/changed` pushes that reached this PC during the measured time. */
  events: number;
  /** TCP (so TLS) connections this PC opened to the host during the measured time. */
  connectionsOpened: number;
  /** This process's own event-loop delay (ms): shows whether the client side was the bottleneck. */
  clientLoopP99: number;
  /** Size of the JSON answer of each channel's first measured call, in bytes. */
  answerBytes: Record<string, number>;
  /** Paced only: the same-sized round trip to the bare TLS echo right after each call (ms). */
  reference: number[];
}

type FromParent = ClientStart | { type: 'go'; seconds: number; paced: boolean };

/** A person's pauses at a busy desk, in ms, before each kind of step (each varied by ±50 %). */
export const PAUSES_MS = {
  keystroke: 250,
  pickPatient: 1000,
  checkIn: 1000,
  freeSlots: 1000,
  book: 2000,
  nextPatient: 3000,
} as const;

/** Sends to the row; `then` runs once the message is handed over (e.g. to disconnect after it). */
const send = (message: unknown, then?: () => void) => process.send?.(message, undefined, {}, () => then?.());

let socketsOpened = 0;
subscribe('net.client.socket', () => (socketsOpened += 1));

type Run = (seconds: number, paced: boolean) => Promise<ClientFigures>;

async function start(order: ClientStart): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-pc-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const secrets = keyFileSecretStore(dir);
  const pairing = await pairWithHost({
    address: order.address,
    code: order.code,
    deviceName: `Bench PC ${order.index}`,
    expectedFingerprint: order.fingerprint,
    secrets,
    now: new Date(),
  });
  const remote = connectToHost({
    pin: pairing,
    credential: await credentialOf(pairing, secrets),
    logger: silentLogger,
  });
  const desk = remote.connect('ipc');
  let events = 0;
  let onDataChanged: (change: EventMap['data/changed']) => void = () => undefined;
  desk.onEvent((event, payload) => {
    if (event !== 'data/changed') return;
    events += 1;
    onDataChanged(payload as EventMap['data/changed']);
  });
  const login = await desk.call('auth/login', { username: 'reception', password: 'large-reception' });
  if (!login.ok) throw new Error(login.error.message);
  const options = await desk.call('appointments/options', {});
  if (!options.ok) throw new Error(options.error.message);
  const { doctors, today } = options.value;

  // The patients this desk will call up: a spread of the clinic, different on every PC.
  const first = await desk.call('patients/list', { query: '', limit: 1 });
  if (!first.ok) throw new Error(first.error.message);
  const people: PatientSummary[] = [];
  for (let k = 0; k < 8; k++) {
    const offset = Math.floor(((order.index * 8 + k) * 0.0123 * first.value.total) % first.value.total);
    const page = await desk.call('patients/list', { query: '', offset, limit: 50 });
    if (page.ok) people.push(...page.value.items.filter((p) => /^\p{L}{4}/u.test(p.fullName)));
  }
  if (people.length === 0) throw new Error('no patients to call up');

  let measuring = false;
  let latencies: Record<string, number[]> = {};
  let answerBytes: Record<string, number> = {};
  let reference: number[] = [];
  const echo = new HostLink(
    {
      address: `127.0.0.1:${order.echo.port}`,
      certPem: order.echo.certPem,
      fingerprint: order.echo.fingerprint,
    },
    null,
  );
  let figures = { errors: 0, slotTaken: 0, refused: 0, errorSamples: [] as string[] };
  const timed = async <T>(channel: string, input: unknown): Promise<Result<T>> => {
    const started = performance.now();
    const result = (await desk.callUnknown(channel, input)) as Result<T>;
    const ms = performance.now() - started;
    if (!measuring) return result;
    (latencies[channel] ??= []).push(ms);
    const bytes = Buffer.byteLength(JSON.stringify(result));
    answerBytes[channel] ??= bytes;
    if (paced) {
      const echoStarted = performance.now();
      await echo.send('/echo', { bytes });
      reference.push(performance.now() - echoStarted);
    }
    if (result.ok) return result;
    if (result.error.code === 'conflict' && result.error.message === SLOT_TAKEN) figures.slotTaken += 1;
    else if (result.error.code === 'conflict') figures.refused += 1;
    else {
      figures.errors += 1;
      if (figures.errorSamples.length < 5)
        figures.errorSamples.push(`${channel}: ${result.error.code} ${result.error.message}`);
    }
    return result;
  };

  // Each PC's pauses differ, and repeat from run to run.
  const chance = seededRandom(order.index + 1).next;
  let paced = false;
  const pause = (kind: keyof typeof PAUSES_MS) =>
    paced
      ? new Promise<void>((resolve) => setTimeout(resolve, PAUSES_MS[kind] * (0.5 + chance())))
      : Promise.resolve();

  // The open day view: refetched when a pushed change touches it, judged by the renderer's own
  // check (`changeTouches`: a change to appointments scoped to other doctor-days does not), one
  // refetch at a time as a query is; only while paced.
  let dayView: { doctorId: number; from: string; days: number } | null = null;
  let refetching: Promise<void> | null = null;
  let again = false;
  onDataChanged = (change) => {
    if (!paced || !measuring || !dayView) return;
    if (!changeTouches('appointments/list', dayView, change)) return;
    if (refetching) {
      again = true;
      return;
    }
    const view = dayView;
    refetching = (async () => {
      do {
        again = false;
        await timed('appointments/list', view);
      } while (again);
      refetching = null;
    })();
  };

  let round = 0;
  const oneRound = async () => {
    round += 1;
    const person = people[(round * 7 + order.index) % people.length];
    const doctor = doctors[(order.index * 6 + round) % doctors.length];
    if (!person || !doctor) return;
    // Search as you type: four keystrokes of the name, then the desk picks the patient.
    let patientId = 0;
    for (let n = 1; n <= 4; n++) {
      await pause('keystroke');
      const found = await timed<Page<PatientSummary>>('patients/list', {
        query: person.fullName.slice(0, n),
        limit: 20,
      });
      if (found.ok) patientId = found.value.items.find((p) => p.id === person.id)?.id ?? patientId;
    }
    await pause('pickPatient');
    dayView = { doctorId: doctor.id, from: today, days: 1 };
    const day = await timed<AppointmentList>('appointments/list', dayView);
    const waiting = day.ok
      ? day.value.items.find((a) => a.status === 'booked' && a.date === today)
      : undefined;
    if (waiting) {
      await pause('checkIn');
      await timed('appointments/checkIn', { id: waiting.id });
    }
    await pause('freeSlots');
    const free = await timed<FreeSlots>('appointments/freeSlots', {
      doctorId: doctor.id,
      from: today,
      days: 14,
    });
    const slots = free.ok ? free.value.doctors.flatMap((d) => d.slots) : [];
    const slot = slots[(order.index * 7 + round) % Math.max(1, slots.length)];
    if (slot) {
      await pause('book');
      await timed('appointments/book', {
        patientId: patientId || person.id,
        doctorId: doctor.id,
        startsAt: slot.startsAt,
        reason: 'Bench',
      });
    }
    await pause('nextPatient');
  };

  await oneRound();

  return async (seconds, pacedRun) => {
    const loop = monitorEventLoopDelay({ resolution: 1 });
    paced = pacedRun;
    events = 0;
    latencies = {};
    answerBytes = {};
    reference = [];
    figures = { errors: 0, slotTaken: 0, refused: 0, errorSamples: [] };
    const socketsBefore = socketsOpened;
    measuring = true;
    loop.enable();
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) await oneRound();
    await refetching;
    loop.disable();
    measuring = false;
    return {
      type: 'done',
      latencies,
      answerBytes,
      reference,
      ...figures,
      events,
      connectionsOpened: socketsOpened - socketsBefore,
      clientLoopP99: loop.percentile(99) / 1e6,
    };
  };
}

let run: Run | null = null;
process.on('message', (raw) => {
  const message = raw as FromParent;
  const work =
    message.type === 'start'
      ? start(message).then((next) => {
          run = next;
          send({ type: 'ready' });
        })
      : (run?.(message.seconds, message.paced) ?? Promise.reject(new Error('go before start'))).then(
          (figures) => send(figures),
        );
  work.catch((error: unknown) => {
    process.exitCode = 1;
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }, () =>
      process.disconnect(),
    );
  });
});
process.on('disconnect', () => process.exit());
