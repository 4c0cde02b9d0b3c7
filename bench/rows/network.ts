import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '../../src/main/core';
import type { Connection, Core } from '../../src/main/core/api';
import { silentLogger } from '../../src/main/core/logger';
import { createNetworkHost } from '../../src/main/network/host';
import type { ClientFigures, ClientStart } from '../network-client';
import type { EchoReady } from '../network-echo';
import { percentile, round } from '../measure';
import type { BenchContext, BenchRow, RowResult } from '../types';

const CLIENTS = Number(process.env['CLINIC_DESK_BENCH_NETWORK_CLIENTS'] ?? 10);
const SECONDS = Number(process.env['CLINIC_DESK_BENCH_NETWORK_SECONDS'] ?? 60);
/** Then the same PCs without pauses, for the host's capacity (0 skips it). */
const CAPACITY_SECONDS = Number(process.env['CLINIC_DESK_BENCH_NETWORK_CAPACITY_SECONDS'] ?? 15);
/** When set, a CPU profile of the host process over the busy-desk seconds is written there. */
const PROFILE = process.env['CLINIC_DESK_BENCH_NETWORK_PROFILE'];

type FromClient = { type: 'ready' } | ClientFigures | { type: 'failed'; message: string };

/** One simulated PC (bench/network-client.ts) in its own process, spoken to over IPC. */
function startClient(repoRoot: string, order: ClientStart) {
  const child: ChildProcess = fork(join(repoRoot, 'bench', 'network-client.ts'), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (want: 'ready' | 'done') =>
    new Promise<FromClient>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`client PC ${order.index} exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (raw) => {
        child.off('exit', onExit);
        const message = raw as FromClient;
        if (message.type === 'failed') reject(new Error(`client PC ${order.index}: ${message.message}`));
        else if (message.type !== want) reject(new Error(`client PC ${order.index} sent ${message.type}`));
        else resolve(message);
      });
    });
  const ready = next('ready');
  child.send(order);
  return {
    ready,
    go: (seconds: number, paced: boolean) => {
      const done = next('done') as Promise<ClientFigures>;
      child.send({ type: 'go', seconds, paced });
      return done;
    },
    kill: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}

/** The reference's bare TLS server (bench/network-echo.ts) in its own process. */
async function startEcho(repoRoot: string): Promise<{ ready: EchoReady; kill: () => void }> {
  const child = fork(join(repoRoot, 'bench', 'network-echo.ts'), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<EchoReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the echo server exited (${code})`)));
    child.once('message', (message) => resolve(message as EchoReady));
  });
  child.removeAllListeners('exit');
  return { ready, kill: () => child.exitCode === null && child.kill() };
}

/**
 * The host's core, with the time each forwarded call spends in the Dispatcher recorded (the host's
 * own work for a call, without TLS, HTTP and waiting for the event loop).
 */
function timedCore(core: Core, record: (ms: number) => void): Core {
  const timed = Object.create(core) as Core;
  timed.connect = (transport) => {
    const connection = core.connect(transport);
    const callUnknown: Connection['callUnknown'] = async (channel, input) => {
      const started = performance.now();
      try {
        return await connection.callUnknown(channel, input);
      } finally {
        record(performance.now() - started);
      }
    };
    return { ...connection, callUnknown };
  };
  return timed;
}

const p = (values: number[], at: number) => round(percentile(values, at), 2);

interface Phase {
  figures: ClientFigures[];
  callP95: number;
  referenceP95: number;
  loopP99: number;
  errors: number;
  extra: Record<string, number>;
}

/**
 * Optional row (run with `--only network-clients`): a host on the large clinic serving 10 client
 * PCs over TLS on loopback, each a process of its own with a busy front desk's calls and pauses
 * for 60 s (bench/network-client.ts), each refetching its open day view when a push touches it
 * (the renderer's `changeTouches`). Ours: call p95 as the desks see it; the host's event-loop
 * delay (1 ms histogram, this process) is the second target. Pairing, sign-in and one round per
 * PC happen before the measured time. Then the same PCs without pauses give the host's capacity.
 */
export const networkClients: BenchRow = {
  id: 'network-clients',
  title: '10 client PCs over TLS, busy front desk, 60 s',
  target: 'no errors, call p95 ≤ 15 ms, host loop p99 < 20 ms',
  optional: true,
  async run(ctx: BenchContext): Promise<RowResult> {
    const host = createNetworkHost({ logger: silentLogger, bindAddress: '127.0.0.1', port: 0 });
    const core = await createCore({
      dataDir: ctx.dataDir,
      logger: silentLogger,
      clock: ctx.clock,
      networkHost: host.control,
    });
    let measuring = false;
    const dispatch: number[] = [];
    host.attach(timedCore(core, (ms) => measuring && dispatch.push(ms)));
    const clients: ReturnType<typeof startClient>[] = [];
    let echo: Awaited<ReturnType<typeof startEcho>> | null = null;

    /** Every PC for `seconds`, paced or not; the host's loop, CPU and Dispatcher time meanwhile. */
    const measure = async (seconds: number, paced: boolean): Promise<Phase> => {
      dispatch.length = 0;
      const loadBefore = loadavg()[0] ?? 0;
      const cpuBefore = process.cpuUsage();
      const loop = monitorEventLoopDelay({ resolution: 1 });
      const started = performance.now();
      measuring = true;
      loop.enable();
      const figures = await Promise.all(clients.map((client) => client.go(seconds, paced)));
      loop.disable();
      measuring = false;
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const byChannel: Record<string, number[]> = {};
      const bytes: Record<string, number> = {};
      for (const pc of figures) {
        for (const [channel, times] of Object.entries(pc.latencies))
          (byChannel[channel] ??= []).push(...times);
        Object.assign(bytes, pc.answerBytes);
      }
      const all = Object.values(byChannel).flat();
      const reference = figures.flatMap((pc) => pc.reference);
      const sum = (pick: (pc: ClientFigures) => number) => figures.reduce((n, pc) => n + pick(pc), 0);
      const loopP99 = loop.percentile(99) / 1e6;
      const errors = sum((pc) => pc.errors);
      return {
        figures,
        callP95: percentile(all, 95),
        referenceP95: percentile(reference, 95),
        loopP99,
        errors,
        extra: {
          calls: all.length,
          callsPerSecond: round(all.length / (elapsed / 1000), 1),
          errors,
          slotTaken: sum((pc) => pc.slotTaken),
          refused: sum((pc) => pc.refused),
          p50: p(all, 50),
          p99: p(all, 99),
          max: p(all, 100),
          ...(reference.length > 0 ? { referenceP50: p(reference, 50), referenceP99: p(reference, 99) } : {}),
          hostLoopP99: round(loopP99, 2),
          hostLoopMax: round(loop.max / 1e6, 2),
          // Cores' worth of CPU the host process used (its JS runs on one thread).
          hostCpu: round((cpu.user + cpu.system) / 1000 / elapsed, 2),
          hostDispatchP50: p(dispatch, 50),
          hostDispatchP95: p(dispatch, 95),
          clientLoopP99Worst: round(Math.max(...figures.map((pc) => pc.clientLoopP99)), 2),
          connectionsOpened: sum((pc) => pc.connectionsOpened),
          dataChangedPushes: sum((pc) => pc.events),
          loadBefore: round(loadBefore, 1),
          loadAfter: round(loadavg()[0] ?? 0, 1),
          ...Object.fromEntries(
            Object.entries(byChannel).map(([channel, times]) => [
              `p95 ${channel} (${times.length} calls, ${bytes[channel] ?? '?'} B)`,
              p(times, 95),
            ]),
          ),
        },
      };
    };

    try {
      const admin = core.connectAs('admin', 'test');
      const on = await admin.call('network/configure', { enabled: true, port: 7443 });
      if (!on.ok || !on.value.fingerprint) throw new Error('the host did not start');
      const address = `127.0.0.1:${host.port()}`;
      echo = await startEcho(ctx.repoRoot);
      for (let index = 0; index < CLIENTS; index++) {
        const code = await admin.call('network/createPairingCode', {});
        if (!code.ok) throw new Error(code.error.message);
        // One PC at a time, as they are switched on: pairing is not what is measured.
        const client = startClient(ctx.repoRoot, {
          type: 'start',
          address,
          fingerprint: on.value.fingerprint,
          code: code.value.code,
          index,
          echo: echo.ready,
        });
        clients.push(client);
        await client.ready;
      }
      ctx.log(`  ${CLIENTS} client PCs paired and signed in; a busy desk each for ${SECONDS} s…`);
      const profiler = PROFILE ? new Session() : null;
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      const desks = await measure(SECONDS, true);
      if (profiler && PROFILE) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(PROFILE, JSON.stringify(profile));
        profiler.disconnect();
      }
      let capacity: Phase | null = null;
      if (CAPACITY_SECONDS > 0) {
        ctx.log(`  the same PCs without pauses for ${CAPACITY_SECONDS} s (capacity)…`);
        capacity = await measure(CAPACITY_SECONDS, false);
      }
      const samples = [...desks.figures, ...(capacity?.figures ?? [])]
        .flatMap((pc) => pc.errorSamples)
        .slice(0, 3);
      return {
        ours: round(desks.callP95, 2),
        reference: round(desks.referenceP95, 2),
        ratio: round(desks.callP95 / desks.referenceP95, 2),
        unit: 'ms p95',
        met: desks.errors === 0 && desks.callP95 <= 15 && desks.loopP99 < 20,
        note: `${CLIENTS} client processes, a busy desk each (its day view refetched when a push touches it, as the app's changeTouches decides), calls over TLS on loopback for ${SECONDS} s; reference: a same-sized round trip to a bare TLS server (own process) right after each call${
          samples.length > 0 ? `; errors e.g. ${samples.join(' | ')}` : ''
        }`,
        extra: {
          ...desks.extra,
          ...(capacity
            ? {
                capacityCallsPerSecond: capacity.extra['callsPerSecond'] ?? null,
                capacityP50: capacity.extra['p50'] ?? null,
                capacityP95: round(capacity.callP95, 2),
                capacityErrors: capacity.errors,
                capacityHostLoopP99: round(capacity.loopP99, 2),
                capacityHostCpu: capacity.extra['hostCpu'] ?? null,
              }
            : {}),
        },
      };
    } finally {
      for (const client of clients) client.kill();
      echo?.kill();
      await host.close();
      core.close();
    }
  },
};
