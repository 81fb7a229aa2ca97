import { createContext, useContext } from 'react';
import type { Settings, VaultStatus } from '@contract';

export interface Session {
  status: VaultStatus;
  settings: Settings | null;
  updateSettings: (patch: Partial<Settings>) => Promise<void>;
  lock: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The unlocked session: vault status (operator, role), settings, lock. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside of the unlocked shell');
  return session;
}
