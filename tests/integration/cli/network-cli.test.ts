import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/cli-process';
import { nodeChild } from '../../support/node-child';
import { tempCore, tempDir } from '../../support/temp-core';

const root = join(import.meta.dirname, '..', '..', '..');
const env = { ...process.env, CLINIC_DESK_DATA_DIR: '' };

/** `network status` and `network pair` on both sides, against a headless `network host`. */
describe('cli network', () => {
  const hostDir = tempDir('cd-cli-host-');
  const clientDir = tempDir('cd-cli-client-');
  afterAll(() => {
    rmSync(hostDir, { recursive: true, force: true });
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('pairs a second PC with the host and reports both ends', async () => {
    const t = await tempCore({ dataDir: hostDir, demo: 'without-visits' });
    t.core.close();
    expect((await cli('network', 'status', '--data-dir', hostDir)).stdout).toMatch(
      /does not let other PCs connect/,
    );
    const on = await cli(
      'call',
      'network/configure',
      '{"enabled":true,"port":7443}',
      '--as',
      'admin',
      '--data-dir',
      hostDir,
    );
    expect(on.code, on.stderr).toBe(0);
    const server = spawn(
      process.execPath,
      nodeChild('src/main/cli.ts', 'network', 'host', '--port', '0', '--json', '--data-dir', hostDir),
      {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const started = await new Promise<{ port: number; fingerprint: string }>((resolve, reject) => {
        let text = '';
        server.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('}')) resolve(JSON.parse(text) as { port: number; fingerprint: string });
        });
        server.once('exit', (code) => reject(new Error(`network host exited with ${code}`)));
      });
      const code = await cli('network', 'pair', '--as', 'admin', '--json', '--data-dir', hostDir);
      const issued = JSON.parse(code.stdout) as { code: string; fingerprint: string };
      expect(issued.fingerprint).toBe(started.fingerprint);

      const wrongPrint = await cli(
        'network',
        'pair',
        '--host',
        `127.0.0.1:${started.port}`,
        '--code',
        issued.code,
        '--fingerprint',
        'AB:CD',
        '--data-dir',
        clientDir,
      );
      expect(wrongPrint).toMatchObject({ code: 1 });
      expect(wrongPrint.stderr).toMatch(
        /^clinic-desk: The PC at 127\.0\.0\.1:\d+ did not show the certificate/,
      );

      const paired = await cli(
        'network',
        'pair',
        '--host',
        `127.0.0.1:${started.port}`,
        '--code',
        issued.code,
        '--fingerprint',
        started.fingerprint,
        '--name',
        'Room 4',
        '--data-dir',
        clientDir,
      );
      expect(paired.code, paired.stderr).toBe(0);
      expect(paired.stdout).toMatch(/Paired with the clinic host .*\n.*\(matches\)/);

      const clientStatus = await cli('network', 'status', '--data-dir', clientDir);
      expect(clientStatus.code, clientStatus.stderr).toBe(0);
      expect(clientStatus.stdout).toMatch(/client of the clinic host .*"Room 4"[\s\S]*The host answers/);
      const hostStatus = await cli('network', 'status', '--as', 'admin', '--data-dir', hostDir);
      expect(hostStatus.stdout).toMatch(/port 7443[\s\S]*Room 4: paired/);
    } finally {
      server.kill('SIGTERM');
    }
    // With the host gone the client says so in a sentence, not a stack trace.
    await new Promise((resolve) => server.once('exit', resolve));
    const offline = await cli('network', 'status', '--data-dir', clientDir);
    expect(offline.code).toBe(1);
    expect(offline.stdout).toMatch(/cannot be reached\. Check that it is switched on/);
  }, 180_000);
});
