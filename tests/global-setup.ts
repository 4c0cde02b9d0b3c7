import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureChildBundles } from './support/child-bundles';

/**
 * Once per test run: bundle the child processes the tests start (tests/support/child-bundles.ts)
 * and make the folder of seeded demo clinics the tests copy (tests/support/demo-template.ts).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  project.provide('childBundles', await ensureChildBundles());
  const templates = mkdtempSync(join(tmpdir(), 'clinic-desk-templates-'));
  project.provide('clinicTemplates', templates);
  return () => rmSync(templates, { recursive: true, force: true });
}
