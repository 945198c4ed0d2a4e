import { describe, expect, it } from 'vitest';
import { decodeWslOutput, explainWslError, parseWslList, parseWslNames, wslErrorCode } from './wsl-output.js';

// Byte samples in wsl.exe's format (`wsl.exe -l -v` as piped output: UTF-16LE, CRLF, columns padded with
// spaces). They were encoded from the documented layout on this Linux machine, not captured on Windows.
const listUtf16 =
  '200020004e0041004d0045002000200020002000200020005300540041005400450020002000200020002000200020002000200020002000560045005200530049004f004e000d000a002a0020005500620075006e00740075002000200020002000520075006e006e0069006e00670020002000200020002000200020002000200032000d000a00200020006200650072007400680020002000200020002000530074006f00700070006500640020002000200020002000200020002000200032000d000a00';
// French Windows: localized header and state, "É" is C9 00 and "é" E9 00.
const listFrench =
  '200020004e004f004d002000200020002000200020002000c900540041005400200020002000200020002000200020002000200020002000560045005200530049004f004e000d000a002a002000620065007200740068002000200020002000200045006e00200063006f0075007200730020006400270065007800e90063007500740069006f006e002000200032000d000a00';
const hex = (h: string) => Buffer.from(h, 'hex');

describe('decodeWslOutput', () => {
  it('UTF-16LE without a BOM (wsl -l -v piped)', () => {
    const text = decodeWslOutput(hex(listUtf16));
    expect(text.startsWith('  NAME      STATE')).toBe(true);
    expect(text).not.toContain('\0');
  });

  it('UTF-16LE with a BOM (FF FE)', () => {
    expect(decodeWslOutput(Buffer.concat([hex('fffe'), hex(listUtf16)]))).toBe(decodeWslOutput(hex(listUtf16)));
  });

  it('UTF-8 (WSL_UTF8=1, or a Linux command run with --exec), with or without a BOM', () => {
    expect(decodeWslOutput(Buffer.from('Docker version 28.5.2\n'))).toBe('Docker version 28.5.2\n');
    expect(decodeWslOutput(hex('efbbbf6f6b'))).toBe('ok');
    expect(decodeWslOutput(Buffer.from('é', 'utf8'))).toBe('é');
  });

  it('non-ASCII in UTF-16LE (French)', () => {
    expect(decodeWslOutput(hex(listFrench))).toContain("En cours d'exécution");
  });
});

describe('parseWslList / parseWslNames', () => {
  it('reads name, state, version and the default marker', () => {
    expect(parseWslList(decodeWslOutput(hex(listUtf16)))).toEqual([
      { name: 'Ubuntu', state: 'Running', version: 2, isDefault: true },
      { name: 'berth', state: 'Stopped', version: 2, isDefault: false },
    ]);
  });

  it('a localized header and a state with spaces', () => {
    expect(parseWslList(decodeWslOutput(hex(listFrench)))).toEqual([{ name: 'berth', state: "En cours d'exécution", version: 2, isDefault: true }]);
  });

  it('--list --quiet: names only', () => {
    expect(parseWslNames(decodeWslOutput(Buffer.from('Ubuntu\r\nberth\r\n', 'utf16le')))).toEqual(['Ubuntu', 'berth']);
    expect(parseWslNames('')).toEqual([]);
  });
});

describe('wsl.exe errors', () => {
  const exists = Buffer.from('A distribution with the supplied name already exists.\r\nError code: Wsl/Service/RegisterDistro/ERROR_ALREADY_EXISTS\r\n', 'utf16le');

  it('finds the code and says what to do', () => {
    const text = decodeWslOutput(exists);
    expect(wslErrorCode(text)).toBe('Wsl/Service/RegisterDistro/ERROR_ALREADY_EXISTS');
    expect(explainWslError(text)).toBe('The Berth WSL distribution already exists. Reset the VM to import it again.');
    expect(explainWslError('Please enable the Virtual Machine Platform Windows feature.\r\nError code: Wsl/Service/CreateInstance/HCS_E_HYPERV_NOT_INSTALLED')).toMatch(/Virtual Machine Platform/);
    expect(explainWslError('Something odd.\r\nError code: Wsl/E_FAIL')).toBe('Something odd. (Wsl/E_FAIL)');
  });
});
