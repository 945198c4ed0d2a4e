import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';

export interface LoginItemOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** What starts Berth: the AppImage when run from one, else this executable. */
  command?: string;
}

/** ~/.config/autostart/berth.desktop (XDG_CONFIG_HOME honoured), the XDG autostart entry desktops read at login. */
export function autostartFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'autostart', 'berth.desktop');
}

export function autostartEntry(command: string): string {
  const quoted = `"${command.replace(/(["`$\\])/g, '\\$1')}"`;
  return ['[Desktop Entry]', 'Type=Application', 'Name=Berth', 'Comment=Desktop container manager', `Exec=${quoted}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

/** Start at login: Electron's login item on macOS and Windows, an XDG autostart .desktop file on Linux. */
export async function applyStartAtLogin(on: boolean, o: LoginItemOptions = {}): Promise<void> {
  const platform = o.platform ?? process.platform;
  const env = o.env ?? process.env;
  if (platform === 'darwin' || platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: on });
    return;
  }
  const file = autostartFile(env);
  if (!on) return rm(file, { force: true });
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, autostartEntry(o.command ?? env.APPIMAGE ?? process.execPath), { mode: 0o644 });
}
