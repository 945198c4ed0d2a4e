/**
 * wsl.exe writes UTF-16LE to a pipe (with a BOM in some versions and subcommands, without in others), and
 * UTF-8 when WSL_UTF8=1 is set or for the output of a Linux command run with --exec. This decodes
 * either; reading UTF-16LE as UTF-8 gives "N\0A\0M\0E\0", which is what the heuristic looks for.
 */
export function decodeWslOutput(buf: Uint8Array): string {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return looksUtf16le(b) ? b.toString('utf16le') : b.toString('utf8');
}

/** Most text wsl.exe prints is ASCII: as UTF-16LE, every odd byte is 0, which UTF-8 text never has. */
function looksUtf16le(b: Buffer): boolean {
  if (b.length < 2 || b.length % 2 !== 0) return false;
  let oddZeros = 0;
  let evenZeros = 0;
  for (let i = 0; i + 1 < b.length; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = b.length / 2;
  return oddZeros >= pairs / 2 && evenZeros < oddZeros;
}

export interface WslDistro {
  name: string;
  state: string;
  version: number;
  isDefault: boolean;
}

/**
 * `wsl.exe --list --verbose`, decoded: a header line (localized: "NOM  ÉTAT  VERSION" in French, so it
 * is skipped by position, not matched), then `[*] name state version` per distro.
 */
export function parseWslList(text: string): WslDistro[] {
  const lines = text.replace(/\0/g, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const out: WslDistro[] = [];
  for (const line of lines.slice(1)) {
    const m = /^\s*(\*)?\s*(\S+)\s+(.+?)\s+(\d+)\s*$/.exec(line);
    if (m) out.push({ name: m[2] ?? '', state: m[3] ?? '', version: Number(m[4]), isDefault: m[1] === '*' });
  }
  return out;
}

/** `wsl.exe --list --quiet [--running]`: one name a line, no header; what the driver relies on (no locale). */
export function parseWslNames(text: string): string[] {
  return text
    .replace(/\0/g, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The code at the end of a wsl.exe error ("Error code: Wsl/Service/RegisterDistro/ERROR_ALREADY_EXISTS"). */
export function wslErrorCode(text: string): string | undefined {
  return /Error code:\s*(\S+)/i.exec(text)?.[1];
}

/** A wsl.exe failure in words, with what to do for the cases users meet. */
export function explainWslError(text: string): string {
  const code = wslErrorCode(text) ?? '';
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? 'wsl.exe failed without a message.';
  if (/ERROR_ALREADY_EXISTS/.test(code)) return 'The Berth WSL distribution already exists. Reset the VM to import it again.';
  if (/WSL_E_DISTRO_NOT_FOUND|ERROR_FILE_NOT_FOUND/.test(code)) return 'The Berth WSL distribution is missing; start the VM to import it again.';
  if (/HCS_E_HYPERV_NOT_INSTALLED|VIRTUALIZATION|0x80370102/i.test(code + text)) {
    return 'WSL 2 needs virtualization, which is off: turn on "Virtual Machine Platform" in Windows Features and virtualization in the firmware (BIOS/UEFI) settings, then restart Windows.';
  }
  return code ? `${first} (${code})` : first;
}
