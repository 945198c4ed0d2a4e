/** Result of translating a host path for a bind mount. */
export type PathTranslation = { ok: true; path: string } | { ok: false; message: string };

/**
 * A Windows host path as the WSL 2 distro sees it: `C:\Users\me\app` → `/mnt/c/Users/me/app`
 * (`automountRoot` from the distro's /etc/wsl.conf, `/mnt/` by default). `\\?\C:\…` long paths are
 * accepted; a path already in Linux form (`/…`) is a path inside the distro and is kept. Refused, with the
 * reason: network (UNC) paths, drive-relative (`C:app`), root-relative (`\app`) and relative paths.
 */
export function windowsToWslPath(input: string, automountRoot = '/mnt/'): PathTranslation {
  const raw = input.trim();
  if (raw === '') return { ok: false, message: 'The host path is empty.' };
  let p = raw;
  if (/^[\\/]{2}[?.][\\/]/.test(p)) {
    p = p.slice(4);
    if (/^UNC[\\/]/i.test(p)) return unc(raw);
  } else if (/^[\\/]{2}/.test(p)) {
    return unc(raw);
  } else if (p.startsWith('/')) {
    return { ok: true, path: p };
  }
  const drive = /^([A-Za-z]):(.*)$/.exec(p);
  if (!drive) {
    if (/^[\\/]/.test(p)) {
      return { ok: false, message: `"${raw}" has no drive letter. Give the full path, e.g. C:${p}.` };
    }
    return { ok: false, message: `"${raw}" is a relative path. Give the full path, e.g. C:\\Users\\you\\${p}.` };
  }
  const [, letter = '', rest = ''] = drive;
  if (rest !== '' && !/^[\\/]/.test(rest)) {
    return {
      ok: false,
      message: `"${raw}" is relative to the current folder of drive ${letter.toUpperCase()}:, which Berth cannot know. Give the full path, e.g. ${letter.toUpperCase()}:\\${rest}.`,
    };
  }
  const parts = rest.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) return { ok: false, message: `"${raw}" contains "..". Give the path without it.` };
  const bad = parts.find((s) => /[<>:"|?*]/.test(s));
  if (bad) return { ok: false, message: `"${raw}" has a character Windows does not allow in "${bad}".` };
  const root = automountRoot.endsWith('/') ? automountRoot : `${automountRoot}/`;
  return { ok: true, path: `${root}${letter.toLowerCase()}${parts.length ? `/${parts.join('/')}` : ''}` };
}

function unc(raw: string): PathTranslation {
  return {
    ok: false,
    message: `"${raw}" is a network (UNC) path; the VM cannot mount network shares. Map it to a drive letter in Windows (e.g. Z:) and use Z:\\…, or copy the files to a local folder.`,
  };
}
