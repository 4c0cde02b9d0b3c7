import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { nodeChild } from '../../../support/node-child';

const root = join(import.meta.dirname, '..', '..', '..', '..');

export interface Worker<Ready> {
  ready: Ready;
  /** Sends a command and waits for its answer. */
  request<T = unknown>(command: Record<string, unknown>): Promise<T>;
  /** Push messages (events) the worker sent so far. */
  pushed: unknown[];
  /** Resolves when a pushed message matches. */
  waitFor(match: (message: unknown) => boolean): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts a real Node process (the script's bundle) speaking JSON over the IPC channel: `{ id, ...command }` → `{ id, reply }`. */
export function startWorker<Ready>(script: string, args: string[]): Promise<Worker<Ready>> {
  const child: ChildProcess = spawn(process.execPath, nodeChild(script, ...args), {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const waiting = new Map<number, (reply: unknown) => void>();
  const pushed: unknown[] = [];
  const watchers = new Set<{ match: (m: unknown) => boolean; resolve: (m: unknown) => void }>();
  return new Promise((resolveReady, rejectReady) => {
    child.once('exit', (code) => rejectReady(new Error(`${script} exited with ${code} before it was ready`)));
    child.on('message', (raw) => {
      const message = raw as { ready?: Ready; id?: number; reply?: unknown; push?: unknown };
      if (message.ready !== undefined) {
        resolveReady({
          ready: message.ready,
          pushed,
          request: <T>(command: Record<string, unknown>) =>
            new Promise<T>((resolve) => {
              const id = next++;
              waiting.set(id, (reply) => resolve(reply as T));
              child.send({ id, ...command });
            }),
          waitFor: (match) => {
            const found = pushed.find(match);
            if (found) return Promise.resolve(found);
            return new Promise((resolve) => watchers.add({ match, resolve }));
          },
          stop: () =>
            new Promise((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        });
      } else if (message.id !== undefined) {
        waiting.get(message.id)?.(message.reply);
        waiting.delete(message.id);
      } else if (message.push !== undefined) {
        pushed.push(message.push);
        for (const watcher of [...watchers]) {
          if (watcher.match(message.push)) {
            watchers.delete(watcher);
            watcher.resolve(message.push);
          }
        }
      }
    });
  });
}

/** Inside a worker: answer commands with `handle`, announce readiness. */
export function serveCommands(
  ready: unknown,
  handle: (command: Record<string, unknown>) => Promise<unknown>,
): void {
  process.on('message', (raw) => {
    const { id, ...command } = raw as { id: number } & Record<string, unknown>;
    handle(command).then(
      (reply) => process.send?.({ id, reply }),
      (error: unknown) => process.send?.({ id, reply: { crashed: String(error) } }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready });
}

export const push = (message: unknown): void => {
  process.send?.({ push: message });
};
