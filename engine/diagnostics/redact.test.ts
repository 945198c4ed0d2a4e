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

  it('redacts a value after a secret-looking name that joins other words, as env variables and config keys do', () => {
    // What `docker start` says of a command that is an assignment: the value was in the bundle's errors.json.
    const r = new Redactor();
    const out = r.text(
      [
        'exec: "MYSQL_ROOT_PASSWORD=Hunter22Secret": executable file not found in $PATH',
        'export GITHUB_TOKEN=ghp_Zq9xYw7vK8 DB_PASS=pl4nted-pass',
        'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG api_key: abc123def456',
        '{"db.password": "s3cr3t-json"}',
      ].join('\n'),
    );
    expect(out).not.toMatch(/Hunter22Secret|ghp_Zq9xYw7vK8|pl4nted-pass|wJalrXUtnFEMI|abc123def456|s3cr3t-json/);
    expect(out).toContain('exec: "MYSQL_ROOT_PASSWORD=<redacted>": executable file not found in $PATH');
    expect(out).toContain('{"db.password": "<redacted>"}');
  });

  it('redacts a secret flag’s value after a space, and a bearer token without its header name', () => {
    const out = new Redactor().text(
      'mysqld --password hunter22secret --port 3306\ncurl -H "X-Trace: 1" -d {} Bearer eyJhbGciOi.payload.sig\ndocker login --password-stdin registry.local',
    );
    expect(out).not.toMatch(/hunter22secret|eyJhbGciOi/);
    expect(out).toContain('--password <redacted> --port 3306');
    expect(out).toContain('Bearer <redacted>');
    // A flag that takes no value keeps the word after it.
    expect(out).toContain('--password-stdin registry.local');
  });

  it('keeps names that only look alike, and JSON after them, as they were', () => {
    const text = 'PATH=/usr/bin PASSENGERS=3 KEYBOARD=us engine: using unix:///tmp/bt/docker.sock {"DB_PASSWORD": null, "API_TOKEN": false}';
    expect(new Redactor().text(text)).toBe(text);
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

describe('Redactor.json', () => {
  it('redacts values under secret-looking keys and env lists, keeps null, booleans, empty values and the rest', () => {
    const r = new Redactor(['tok3n-abc']);
    const out = r.json({
      Plugins: { Authorization: null, Log: ['json-file'] },
      auths: { 'r.local': { auth: 'YmVydGg6cA==', identitytoken: '' } },
      password: 12345,
      settings: { transferFinished: true, state: 'running', note: 'sent tok3n-abc', url: 'https://u:pw@h/v2' },
      Config: { Env: ['A=true', 'B'] },
    });
    expect(out).toEqual({
      Plugins: { Authorization: null, Log: ['json-file'] },
      auths: { 'r.local': { auth: '<redacted>', identitytoken: '' } },
      password: '<redacted>',
      settings: { transferFinished: true, state: 'running', note: 'sent <redacted>', url: 'https://u:<redacted>@h/v2' },
      Config: { Env: ['A=<redacted>', 'B'] },
    });
  });

  it('keeps JSON text valid: a null or boolean after a secret-looking name is not a secret', () => {
    const text = '{"Authorization": null, "token": false, "auth": "abc"}';
    expect(JSON.parse(new Redactor().text(text))).toEqual({ Authorization: null, token: false, auth: '<redacted>' });
  });
});

describe('env values in free text', () => {
  it('replaces only the env values that look secret, never common words, paths or versions', () => {
    const r = new Redactor();
    r.addEnv(['A=true', 'B=running', 'C=linux', 'HOME=/root', 'PATH=/usr/local/bin:/usr/bin', 'V=1.25.3-alpine', 'DB_PASSWORD=hunter22', 'API_TOKEN=Zq9xYw7v', 'SEED=k8Xq2Lm9Pz4Rt7Wv', 'X_SECRET=linux']);
    expect(r.text('true running linux /root /usr/local/bin:/usr/bin 1.25.3-alpine')).toBe('true running linux /root /usr/local/bin:/usr/bin 1.25.3-alpine');
    expect(r.text('hunter22 Zq9xYw7v k8Xq2Lm9Pz4Rt7Wv')).toBe('<redacted> <redacted> <redacted>');
  });
});
