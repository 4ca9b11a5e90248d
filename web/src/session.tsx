import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { lock as apiLock, onLocked, sessionState, unlock as apiUnlock } from './api/client.ts';

export type SessionStatus = 'loading' | 'locked' | 'unlocked' | 'unreachable';

export interface Session {
  status: SessionStatus;
  vaultExists: boolean;
  unlock(passphrase: string, create: boolean): Promise<void>;
  lock(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The person's session with the server: locked or unlocked, and whether a vault exists. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [vaultExists, setVaultExists] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const s = await sessionState();
      setVaultExists(s.vaultExists);
      setStatus(s.unlocked ? 'unlocked' : 'locked');
    } catch (e) {
      setStatus('unreachable');
      throw e;
    }
  }, []);

  useEffect(() => {
    refresh().catch((e: unknown) => console.error('MesInfos: the server could not be reached', e));
    return onLocked(() => setStatus('locked'));
  }, [refresh]);

  const value = useMemo<Session>(
    () => ({
      status,
      vaultExists,
      refresh,
      unlock: async (passphrase, create) => {
        await apiUnlock(passphrase, create);
        setVaultExists(true);
        setStatus('unlocked');
      },
      lock: async () => {
        await apiLock();
        setStatus('locked');
      },
    }),
    [status, vaultExists, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
