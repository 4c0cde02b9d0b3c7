import { describe, expect, it } from 'vitest';
import { StartupError } from '../../../src/main/core/errors';
import { startupFailureMessage } from '../../../src/main/shell/startup-error';

describe('startupFailureMessage', () => {
  it("shows the core's own sentence for a refused database", () => {
    const error = new StartupError(
      'database_too_new',
      'This clinic database was written by a newer version of Clinic Desk. Please install the latest version.',
    );
    expect(startupFailureMessage(error)).toBe(error.message);
  });

  it('never shows a programming error or its stack to the user', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'prepare')");
    const message = startupFailureMessage(error);
    expect(message).not.toContain('prepare');
    expect(message).not.toContain('TypeError');
    expect(message).not.toMatch(/\n\s+at /);
    expect(message).toMatch(/^Clinic Desk could not start.*\.$/);
    expect(startupFailureMessage('a string')).toBe(message);
  });
});
