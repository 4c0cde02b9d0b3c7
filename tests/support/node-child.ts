import { inject } from 'vitest';
import { bundleOf } from './child-bundles';

/**
 * The arguments for `process.execPath` that start the test child `source` (repo-relative or
 * absolute, one of CHILD_ENTRIES) from this run's bundle (tests/global-setup.ts), followed by
 * `args`. Node runs the child itself, so a signal to the process reaches the child, not a wrapper.
 */
export function nodeChild(source: string, ...args: string[]): string[] {
  return ['--enable-source-maps', bundleOf(inject('childBundles'), source), ...args];
}
