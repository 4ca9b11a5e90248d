import { useState } from 'react';
import { useSession } from '../session.tsx';
import { ErrorState } from './StateViews.tsx';

/** Locks the vault; RequireUnlocked then shows the unlock page, which comes back here after. */
export function LockButton({ label, className }: { label: string; className?: string }) {
  const session = useSession();
  const [error, setError] = useState<unknown>(null);
  const lock = async () => {
    try {
      await session.lock();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <button type="button" {...(className ? { className } : {})} onClick={() => void lock()}>
        {label}
      </button>
      {error !== null && <ErrorState error={error} />}
    </>
  );
}
