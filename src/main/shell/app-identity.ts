/**
 * The installer's `appId` (electron-builder.yml). Windows shows a toast only for an app whose
 * AppUserModelID matches its Start-menu shortcut, which the NSIS installer creates with this id;
 * without it, "backup failed" and "export ready" go missing or appear under "electron.app…".
 */
export const APP_ID = 'org.clinicdesk.app';

export function setWindowsAppId(
  app: { setAppUserModelId(id: string): void },
  platform: NodeJS.Platform = process.platform,
): void {
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
}
