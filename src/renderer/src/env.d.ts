import type { ClinicDeskBridge } from '../../shared/bridge';

declare global {
  interface Window {
    /** Present only inside the desktop app, where the preload script exposes the contract. */
    clinicDesk?: ClinicDeskBridge;
  }
}

export {};
