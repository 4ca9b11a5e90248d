import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the person's vault lives when --vault is not given: $MESINFOS_VAULT, else the
 * user's data directory (XDG on Linux, Application Support on macOS, %APPDATA% on Windows).
 */
export function defaultVaultPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MESINFOS_VAULT) return env.MESINFOS_VAULT;
  const home = env.HOME ?? homedir();
  let dir: string;
  if (platform === 'win32') dir = join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'MesInfos');
  else if (platform === 'darwin') dir = join(home, 'Library', 'Application Support', 'MesInfos');
  else dir = join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'mesinfos');
  return join(dir, 'vault.mesinfos');
}
