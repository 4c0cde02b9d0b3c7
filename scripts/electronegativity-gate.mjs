#!/usr/bin/env node
// Runs Electronegativity over src/ and fails on any HIGH or MEDIUM finding that is not accepted,
// with a reason, in security/electronegativity-allowlist.json. Electronegativity itself exits 0
// whatever it finds, so its CSV is parsed here.
//
// The tool tries to download translations and Electron's release list at every run. Where we
// can (root on Linux, as in CI), it runs in a network namespace of its own with no interfaces, so
// nothing leaves the machine; the release check is skipped and the Electron version given.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
const allowlist = JSON.parse(
  readFileSync(join(root, 'security', 'electronegativity-allowlist.json'), 'utf8'),
).accepted;
const work = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const csv = join(work, 'findings.csv');
const bin = join(root, 'node_modules', '.bin', 'electronegativity');
const args = [
  '-i',
  join(root, 'src'),
  '-o',
  csv,
  '-r',
  '-v',
  'false',
  '-e',
  electronVersion,
  '-x',
  'availablesecurityfixesglobalcheck',
];

const isolated =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['-n', 'true']).status === 0;
const run = isolated
  ? spawnSync('unshare', ['-n', bin, ...args], { encoding: 'utf8' })
  : spawnSync(bin, args, { encoding: 'utf8' });
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  console.error('Electronegativity did not run to the end; see its output above.');
  process.exit(1);
}

const parsed = Papa.parse(readFileSync(csv, 'utf8').trim(), {
  header: true,
  transformHeader: (h) => h.trim(),
  skipEmptyLines: true,
});
rmSync(work, { recursive: true, force: true });
const findings = parsed.data.map((row) => ({
  check: row.issue,
  severity: row.severity,
  confidence: row.confidence,
  file: row.filename,
  location: row.location,
  description: row.description,
}));

const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
const accepted = (f) => allowlist.find((a) => a.check === f.check && a.file === f.file && a.reason?.trim());
const blocking = serious.filter((f) => !accepted(f));
const stale = allowlist.filter((a) => !serious.some((f) => f.check === a.check && f.file === a.file));

for (const f of findings) {
  const mark =
    f.severity === 'HIGH' || f.severity === 'MEDIUM' ? (accepted(f) ? 'accepted' : 'BLOCKING') : 'info';
  console.log(
    `${mark.padEnd(8)} ${f.severity.padEnd(13)} ${f.check} ${f.file}:${f.location} — ${f.description}`,
  );
}
console.log(
  `Electronegativity ${isolated ? '(no network) ' : ''}over src/: ${findings.length} findings, ${serious.length} HIGH/MEDIUM, ${serious.length - blocking.length} accepted, ${blocking.length} blocking.`,
);
if (stale.length > 0) {
  for (const a of stale)
    console.error(`Allow-list entry matches nothing any more: ${a.check} ${a.file}. Remove it.`);
}
if (blocking.length > 0 || stale.length > 0) process.exit(1);
