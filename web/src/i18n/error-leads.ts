import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../src/domain/errors.ts';

/**
 * What each error of the server's catalogue means, in French: the server's messages are
 * English and precise (file, line, field); a French page leads with this sentence and keeps
 * the server's words beside it as the detail. Keyed by the catalogue's codes (a type-only
 * import), so a new code without its French sentence fails the type-check.
 */
const LEADS_FR: Record<ErrorCode, string> = {
  VAULT_NOT_FOUND: 'Aucun coffre n’existe encore à cet endroit.',
  VAULT_EXISTS: 'Un coffre existe déjà à cet endroit.',
  VAULT_LOCKED: 'Le coffre est verrouillé : déverrouillez-le d’abord avec votre phrase de passe.',
  VAULT_PASSPHRASE_WRONG: 'Cette phrase de passe n’ouvre pas ce coffre.',
  VAULT_PASSPHRASE_WEAK: 'Cette phrase de passe est trop faible.',
  VAULT_CORRUPT: 'Le fichier du coffre est abîmé, ou ce n’est pas un coffre.',
  IMPORT_MALFORMED: 'Le fichier est mal formé : rien n’a été importé.',
  IMPORT_INVALID: 'Des enregistrements ne respectent pas leur format : rien n’a été importé.',
  IMPORT_UNRECOGNISED: 'Aucun format connu ne correspond à ce fichier.',
  IMPORT_EMPTY: 'Le fichier ne contient aucun enregistrement.',
  ARCHIVE_INVALID: 'L’archive n’est pas un export MesInfos valide.',
  RECORD_NOT_FOUND: 'Aucun enregistrement ne porte cet identifiant.',
  RECORD_DELETED: 'Cet enregistrement a été supprimé.',
  CORRECTION_INVALID: 'La correction ne respecte pas le format de cet enregistrement.',
  INPUT_INVALID: 'La demande est incomplète ou mal remplie.',
  GRANT_NOT_FOUND: 'Aucun accès donné ne porte cet identifiant.',
  GRANT_INVALID: 'Cet accès n’est pas valable.',
  CONSENT_DENIED: 'Aucun accès donné n’autorise cela.',
  UNAUTHENTICATED: 'Identifiants absents ou inconnus.',
  AUDIT_BROKEN: 'La chaîne du journal des accès est rompue.',
  CSRF_TOKEN_INVALID: 'La session de cette page n’est plus valable : rechargez la page.',
  PAYLOAD_TOO_LARGE: 'C’est plus gros que ce que le serveur accepte.',
  MEDIA_TYPE_UNSUPPORTED: 'Le serveur attend du JSON.',
  RATE_LIMITED: 'Trop d’essais : attendez un instant avant de réessayer.',
  HOST_NOT_ALLOWED: 'Ce serveur ne répond qu’à son propre nom d’hôte.',
  NOT_FOUND: 'Il n’y a rien ici.',
  RIGHTS_REQUEST_NOT_FOUND: 'Aucune demande ne porte cet identifiant.',
  RIGHTS_REQUEST_INVALID: 'Cette demande n’est pas valable.',
  RIGHTS_TRANSITION_INVALID: 'La demande n’est pas dans un état qui permet cela.',
  RIGHTS_EXTENSION_INVALID: 'Le délai ne peut pas être prolongé ainsi (art. 12.3 du RGPD : pendant le premier mois, de deux mois au plus, avec des motifs).',
  VAULT_CLOSED: 'Le coffre est fermé : il faut le déverrouiller pour que les organismes et applications soient servis.',
  CLIENT_NOT_FOUND: 'Aucun organisme ni aucune application ne porte cet identifiant.',
  CLIENT_INVALID: 'L’enregistrement de cet organisme ou de cette application n’est pas valable.',
  PAIRING_CODE_INVALID: 'Ce code d’association est inconnu, déjà utilisé, expiré ou destiné à un autre organisme.',
  CUSTOMER_NOT_LINKED: 'Cet organisme n’est pas associé à cette référence client.',
  LINK_NOT_FOUND: 'Aucune association ne porte cet identifiant.',
  INTENT_NOT_FOUND: 'Aucune intention ne porte ce pseudonyme.',
  INTENT_INVALID: 'Cette intention n’est pas valable.',
  INTENT_CLOSED: 'Cette intention n’est plus ouverte : elle a été acceptée, fermée ou a expiré.',
  OFFER_NOT_FOUND: 'Aucune offre ne porte cet identifiant.',
  TERMS_NOT_ACCEPTED: 'Il faut accepter toutes les conditions de la personne avant de répondre.',
  VENDOR_NOT_ALLOWED: 'Cet organisme n’est pas un fournisseur pour ce genre d’intention.',
  INTERNAL: 'Un problème est survenu de notre côté.',
};

const known = (code: string): code is ErrorCode => Object.hasOwn(LEADS_FR, code);

/**
 * What to show for a server error: in English its message as it is; in French the
 * catalogue's sentence first, then the server's precise words as the detail.
 */
export function useServerMessage(): (code: string | undefined, message: string) => { lead: string | null; detail: string } {
  const { i18n } = useTranslation();
  const fr = i18n.language === 'fr';
  return (code, message) => (fr && code && known(code) ? { lead: LEADS_FR[code], detail: message } : { lead: null, detail: message });
}
