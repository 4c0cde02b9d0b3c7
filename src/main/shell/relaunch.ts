import type { RelaunchOptions } from 'electron';

/**
 * How to start the app again (after a restore). An AppImage runs from a temporary mount that is
 * gone once this process quits, so relaunching `process.execPath` would start nothing: the
 * AppImage file itself (`APPIMAGE`, set by its runtime) must be started instead.
 */
export function relaunchOptions(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): RelaunchOptions {
  const appImage = env['APPIMAGE']?.trim();
  return appImage ? { execPath: appImage, args: argv.slice(1) } : {};
}
