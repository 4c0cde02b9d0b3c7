import type { TestProject } from 'vitest/node';
import { ensureChildBundles } from './support/child-bundles';

/** Once per test run: bundle the child processes the tests start (tests/support/child-bundles.ts). */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('childBundles', await ensureChildBundles());
}
