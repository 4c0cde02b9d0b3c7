import { describe, expect, it } from 'vitest';
import {
  appArmorProfile,
  PROFILE_NAME,
  RESTRICT_USERNS,
  userNamespacesRestricted,
} from '../../../scripts/start-ubuntu.mjs';

describe('npm run start:ubuntu', () => {
  it('detects the Ubuntu 24.04 user-namespace restriction that blocks the sandbox', () => {
    expect(userNamespacesRestricted((path) => (path === RESTRICT_USERNS ? '1\n' : ''))).toBe(true);
    expect(userNamespacesRestricted(() => '0\n')).toBe(false);
    expect(
      userNamespacesRestricted(() => {
        throw new Error('ENOENT');
      }),
    ).toBe(false);
  });

  it('allows user namespaces for the development Electron only, keeping the sandbox on', () => {
    const profile = appArmorProfile('/home/dev/clinic desk/node_modules/electron/dist/electron');
    expect(profile).toContain(
      `profile ${PROFILE_NAME} "/home/dev/clinic desk/node_modules/electron/dist/electron" flags=(unconfined) {`,
    );
    expect(profile).toContain('  userns,');
    expect(profile).not.toContain('no-sandbox');
  });
});
