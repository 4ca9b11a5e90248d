import { useServerMessage } from '../i18n/error-leads.ts';

/** A server error's words for the page's language: the French sentence for its code, then the server's precise message (see error-leads.ts). */
export function ServerMessage({ code, message }: { code: string | undefined; message: string }) {
  const { lead, detail } = useServerMessage()(code, message);
  if (!lead) return <>{detail}</>;
  return (
    <>
      {lead} <span className="muted" lang="en">({detail})</span>
    </>
  );
}
