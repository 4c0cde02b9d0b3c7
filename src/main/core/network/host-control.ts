/**
 * What the program running the core does to serve other PCs (src/main/network/host.ts in the
 * desktop app and `cli network host`). The core keeps the setting; the transport listens.
 */
export interface NetworkHostControl {
  /** Start, restart or stop the server so it matches the saved setting and port. */
  apply(): Promise<void>;
  state(): NetworkHostState;
}

export interface NetworkHostState {
  listening: boolean;
  problem: string | null;
  addresses: string[];
}

export const NOT_A_HOST =
  'This program does not serve other PCs: only the desktop app on the host PC (or `cli network host`) does.';

/** For the preview, the plain CLI and tests: the setting is kept, nothing listens. */
export const noNetworkHost: NetworkHostControl = {
  apply: () => Promise.resolve(),
  state: () => ({ listening: false, problem: NOT_A_HOST, addresses: [] }),
};

/**
 * First run on another PC: pair with a host and restart as its client. Given by the desktop shell
 * (which keeps the device secret with safeStorage); elsewhere joining is refused with a sentence.
 */
export interface NetworkJoiner {
  probe(address: string): Promise<{ address: string; fingerprint: string }>;
  join(input: { address: string; code: string; fingerprint: string; deviceName: string }): Promise<void>;
}

export const NO_JOINER =
  'Only the desktop app can connect to a clinic host from its first-run screen; use `cli network pair` here.';
