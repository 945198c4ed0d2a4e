import { describe, expect, it } from 'vitest';
import {
  formatMemory,
  parseCommand,
  parseContainerName,
  parseContainerPort,
  parseCpus,
  parseHostIp,
  parseImageReference,
  parseKeyValue,
  parseMemory,
  parsePort,
  parsePortRange,
  parseVolumeName,
  portRangesProblem,
  splitPortProtocol,
} from './container-run-parse.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => (r.ok ? r.value : `ERR: ${r.message}`);
const message = (r: { ok: boolean; message?: string }) => (r.ok ? 'OK' : r.message);

describe('parseImageReference', () => {
  it('accepts the forms the engine accepts, splitting domain, path, tag and digest', () => {
    expect(value(parseImageReference('nginx'))).toEqual({ path: 'nginx', reference: 'nginx' });
    expect(value(parseImageReference(' berth-test/busybox:latest '))).toEqual({ path: 'berth-test/busybox', tag: 'latest', reference: 'berth-test/busybox:latest' });
    expect(value(parseImageReference('127.0.0.1:5000/team/app:1.2.3'))).toMatchObject({ domain: '127.0.0.1:5000', path: 'team/app', tag: '1.2.3' });
    expect(value(parseImageReference('localhost/app'))).toMatchObject({ domain: 'localhost', path: 'app' });
    expect(value(parseImageReference('my_org/my-app__x.y:v1'))).toMatchObject({ path: 'my_org/my-app__x.y', tag: 'v1' });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(value(parseImageReference(`alpine@${digest}`))).toMatchObject({ path: 'alpine', digest });
  });

  it('says what is wrong', () => {
    expect(message(parseImageReference('Foo:bar'))).toBe('Invalid image reference "Foo:bar": repository names must be lowercase');
    expect(message(parseImageReference('team/App'))).toBe('Invalid image reference "team/App": repository names must be lowercase');
    expect(message(parseImageReference(''))).toBe('Image is required, e.g. nginx:latest');
    expect(message(parseImageReference('nginx:'))).toMatch(/the tag after ":" is empty/);
    expect(message(parseImageReference('nginx:-x'))).toMatch(/tags use letters/);
    expect(message(parseImageReference('ng inx'))).toMatch(/must not contain spaces/);
    expect(message(parseImageReference('a//b'))).toMatch(/empty path component/);
    expect(message(parseImageReference('-nginx'))).toMatch(/repository names use lowercase letters/);
    expect(message(parseImageReference('nginx@sha256:abc'))).toMatch(/digest must look like/);
    expect(message(parseImageReference('bad_host.com:5000/x'))).toMatch(/"bad_host.com:5000" is not a valid registry host/);
  });
});

describe('parseMemory', () => {
  it('reads binary units like the docker CLI', () => {
    expect(value(parseMemory('256m'))).toBe(256 * 1024 * 1024);
    expect(value(parseMemory('1g'))).toBe(1024 ** 3);
    expect(value(parseMemory('1.5G'))).toBe(1.5 * 1024 ** 3);
    expect(value(parseMemory('512MiB'))).toBe(512 * 1024 * 1024);
    expect(value(parseMemory('6m'))).toBe(6 * 1024 * 1024);
    expect(value(parseMemory(' 7340032 '))).toBe(7340032);
    expect(value(parseMemory(8 * 1024 * 1024))).toBe(8 * 1024 * 1024);
  });
  it('refuses junk and anything below 6m with the same hint', () => {
    expect(message(parseMemory('lots'))).toBe('Memory limit must be like 512m or 2g, at least 6m (got "lots")');
    expect(message(parseMemory('5m'))).toBe('Memory limit must be like 512m or 2g, at least 6m (got "5m")');
    expect(message(parseMemory('-1g'))).toMatch(/^Memory limit must be like 512m or 2g/);
    expect(message(parseMemory('12x'))).toMatch(/^Memory limit must be like/);
    expect(message(parseMemory(100))).toMatch(/^Memory limit must be like/);
  });
  it('formats bytes back to the shortest exact form', () => {
    expect(formatMemory(256 * 1024 * 1024)).toBe('256m');
    expect(formatMemory(2 * 1024 ** 3)).toBe('2g');
    expect(formatMemory(1536 * 1024)).toBe('1536k');
    expect(formatMemory(1000)).toBe('1000');
  });
});

describe('parseCpus', () => {
  it('turns CPUs into NanoCpus', () => {
    expect(value(parseCpus('0.5'))).toBe(500_000_000);
    expect(value(parseCpus(2))).toBe(2_000_000_000);
    expect(value(parseCpus('.25'))).toBe(250_000_000);
  });
  it('refuses zero, negatives, junk and less than 0.01', () => {
    expect(message(parseCpus('0'))).toBe('CPUs must be a number greater than 0, like 0.5 or 2 (got "0")');
    expect(message(parseCpus('-1'))).toMatch(/greater than 0/);
    expect(message(parseCpus('two'))).toMatch(/greater than 0/);
    expect(message(parseCpus('0.001'))).toBe('CPUs must be at least 0.01');
  });
});

describe('parseCommand', () => {
  it('splits like a shell for words, without expansion', () => {
    expect(value(parseCommand('httpd -f -p 80 -h /www'))).toEqual(['httpd', '-f', '-p', '80', '-h', '/www']);
    expect(value(parseCommand(`sh -c 'echo "hi there" && sleep 1'`))).toEqual(['sh', '-c', 'echo "hi there" && sleep 1']);
    expect(value(parseCommand('echo "a \\"b\\" $HOME" c\\ d'))).toEqual(['echo', 'a "b" $HOME', 'c d']);
    expect(value(parseCommand(`echo '' ""`))).toEqual(['echo', '', '']);
    expect(value(parseCommand('   '))).toEqual([]);
  });
  it('names an unclosed quote', () => {
    expect(message(parseCommand(`sh -c 'echo`))).toBe("Command has an unclosed ' quote");
    expect(message(parseCommand('echo "x'))).toBe('Command has an unclosed " quote');
    expect(message(parseCommand('echo \\'))).toBe('Command ends with a lone backslash');
  });
});

describe('names, ports, addresses, KEY=VALUE', () => {
  it('container names follow the engine grammar', () => {
    expect(value(parseContainerName('web-1'))).toBe('web-1');
    expect(value(parseContainerName('/web_1.x'))).toBe('web_1.x');
    // The message names what is wrong, not the whole grammar.
    expect(message(parseContainerName('bad name!'))).toBe('Invalid container name "bad name!": cannot contain spaces or "!": use only letters, digits, "_", "." and "-"');
    expect(message(parseContainerName('-web'))).toBe('Invalid container name "-web": must start with a letter or a digit');
    expect(message(parseContainerName('a'))).toBe('Invalid container name "a": must be at least 2 characters');
    expect(message(parseVolumeName('my data'))).toBe('Invalid volume name "my data": cannot contain spaces: use only letters, digits, "_", "." and "-"');
  });
  it('ports are 1–65535', () => {
    expect(value(parsePort('8080', 'Host port'))).toBe(8080);
    expect(message(parsePort('70000', 'Host port'))).toBe('Host port must be a number from 1 to 65535 (got "70000")');
    expect(message(parsePort(0, 'Container port'))).toBe('Container port must be a number from 1 to 65535 (got "0")');
    expect(message(parsePort('80a', 'Host port'))).toMatch(/from 1 to 65535/);
  });
  it('container ports may carry a protocol suffix, as docker ps writes them', () => {
    expect(splitPortProtocol('80/tcp')).toEqual({ port: '80', protocol: 'tcp' });
    expect(splitPortProtocol(' 53 / UDP ')).toEqual({ port: '53', protocol: 'udp' });
    expect(splitPortProtocol('80')).toBeUndefined();
    expect(value(parseContainerPort('53/udp'))).toEqual({ port: 53, protocol: 'udp' });
    expect(value(parseContainerPort(80))).toEqual({ port: 80 });
    expect(message(parseContainerPort('70000/tcp'))).toBe('Container port must be a number from 1 to 65535 (got "70000")');
    expect(message(parseContainerPort('80/'))).toMatch(/optionally followed by \/tcp, \/udp or \/sctp/);
  });
  it('ports may be ranges, as docker run -p takes them, paired only when the lengths agree', () => {
    expect(value(parsePortRange('8080-8081', 'Host port'))).toEqual({ port: 8080, end: 8081 });
    expect(value(parsePortRange('8080', 'Host port'))).toEqual({ port: 8080 });
    expect(value(parsePortRange('8080-8080', 'Host port'))).toEqual({ port: 8080 });
    expect(message(parsePortRange('0-1', 'Host port'))).toBe('Host port range must be two numbers from 1 to 65535, like 8080-8081 (got "0-1")');
    expect(message(parsePortRange('90-80', 'Host port'))).toBe('Host port range must go from the lower port to the higher, like 80-90 (got "90-80")');
    expect(message(parsePortRange('80-', 'Host port'))).toBe('Host port must be a number from 1 to 65535 (got "80-")');
    expect(splitPortProtocol('80-81/udp')).toEqual({ port: '80-81', protocol: 'udp' });
    expect(value(parseContainerPort('80-81/udp'))).toEqual({ port: 80, end: 81, protocol: 'udp' });
    expect(portRangesProblem({ port: 8080, end: 8081 }, { port: 80, end: 81 })).toBeUndefined();
    expect(portRangesProblem(undefined, { port: 80, end: 81 })).toBeUndefined();
    expect(portRangesProblem({ port: 8080, end: 8090 }, { port: 80 })).toBeUndefined();
    expect(portRangesProblem({ port: 65535 }, { port: 80, end: 81 })).toBe('Container port range 80-81 (2 ports) needs a host port range of the same length or no host port for random ones');
  });
  it('host IPs are IPv4 or IPv6', () => {
    expect(value(parseHostIp('127.0.0.1'))).toBe('127.0.0.1');
    expect(value(parseHostIp('[::1]'))).toBe('::1');
    expect(message(parseHostIp('localhost'))).toMatch(/is not an IPv4 or IPv6 address/);
    expect(message(parseHostIp('256.1.1.1'))).toMatch(/is not an IPv4 or IPv6 address/);
  });
  it('KEY=VALUE keeps "=" in values and names the list', () => {
    expect(value(parseKeyValue('A=b=c', 'Label'))).toEqual(['A', 'b=c']);
    expect(value(parseKeyValue('EMPTY=', 'Label'))).toEqual(['EMPTY', '']);
    expect(message(parseKeyValue('NOVALUE', 'Environment variable'))).toBe('Environment variable "NOVALUE" must be KEY=VALUE');
    expect(message(parseKeyValue('=x', 'Label'))).toBe('Label "=x" has no name before "="');
  });
});
