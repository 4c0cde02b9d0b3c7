import type { Role } from './roles';

/** What the renderer knows about the signed-in person. */
export interface SessionInfo {
  userId: number;
  username: string;
  fullName: string;
  role: Role;
  doctorId: number | null;
}

export interface SetupStatus {
  /** True until the first administrator exists. */
  needsSetup: boolean;
  clinicName: string;
  /** Demo logins to show on the sign-in screen; only ever filled in demo mode. */
  demoLogins: DemoLogin[];
}

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  fullName: string;
}

export interface PatientSummary {
  id: number;
  patientNumber: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  phone: string | null;
  email: string | null;
  active: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** Set when counting stopped at `total` (a search with more matches than that: "500+"). */
  totalCapped?: boolean;
  offset: number;
  limit: number;
}

export interface StaffSummary {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  doctorId: number | null;
  active: boolean;
  lastLoginAt: string | null;
}
