import { describe, expect, it } from 'vitest';
import { dockerConfigSecrets, envValues, redactEnv, Redactor } from './redact.js';

describe('Redactor', () => {
  it('replaces every known secret value, also JSON- and URL-escaped', () => {
    const r = new Redactor(['tok3n-abc', 'p@ss "word"/1']);
    const out = r.text(`GET /?t=tok3n-abc\n{"x":"p@ss \\"word\\"/1"}\nhttp://h/${encodeURIComponent('p@ss "word"/1')}`);
    expect(out).not.toMatch(/tok3n|p@ss/);
    expect(out).toContain('<redacted>');
  });

  it('redacts what looks like a secret by its shape', () => {
    const r = new Redactor();
    const out = r.text('Authorization: Bearer abc.def\npassword=hunter22\nhttps://berth:s3cr3t@registry.local/v2\n"identitytoken": "idt0k"\n?token=qq123&x=1');
    expect(out).not.toMatch(/abc\.def|hunter22|s3cr3t|idt0k|qq123/);
    expect(out).toContain('x=1');
  });

  it('leaves ordinary text alone', () => {
    expect(new Redactor(['zz']).text('dockerd started; containers: 3')).toBe('dockerd started; containers: 3');
  });
});

describe('secret sources', () => {
  it('finds the password inside a config.json auth and its fields', () => {
    const auth = Buffer.from('berth:reg-pass-1').toString('base64');
    const secrets = dockerConfigSecrets({ auths: { 'r.local': { auth }, other: { identitytoken: 'idtok-2' } } });
    expect(secrets).toEqual(expect.arrayContaining([auth, 'reg-pass-1', 'idtok-2']));
  });

  it('takes values from env and keeps only names', () => {
    expect(envValues(['A=1', 'B=x=y', 'C'])).toEqual(['1', 'x=y']);
    expect(redactEnv(['A=1', 'B=x=y'])).toEqual(['A=<redacted>', 'B=<redacted>']);
  });
});
