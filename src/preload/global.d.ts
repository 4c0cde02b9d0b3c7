import type { ClinicDeskBridge } from '../shared/bridge';

declare global {
  interface Window {
    /** Set by the preload in the desktop app; absent in the browser preview. */
    clinicDesk?: ClinicDeskBridge;
  }
}

export {};
