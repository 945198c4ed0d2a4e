import { beforeEach, describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { FakeWebContents, resetFakeElectron, session } from './testing/fake-electron.js';
import { isAppUrl } from './app-url.js';
import { hardenSession, hardenWebContents } from './security.js';

describe('hardenWebContents', () => {
  let contents: FakeWebContents;
  let opened: string[];
  beforeEach(() => {
    resetFakeElectron();
    contents = new FakeWebContents();
    opened = [];
    hardenWebContents(contents as unknown as WebContents, { openExternal: (u) => opened.push(u), log: () => undefined });
  });

  it('allows navigation inside the app origin only', () => {
    expect(contents.tryNavigate('app://berth/index.html#/containers')).toBe(false);
    expect(contents.tryNavigate('https://evil.example/')).toBe(true);
    expect(contents.tryNavigate('app://other/index.html')).toBe(true);
    expect(contents.tryNavigate('file:///etc/passwd')).toBe(true);
    expect(contents.tryNavigate('app://user@berth/')).toBe(true);
  });

  it('sends a blocked http(s) navigation of the main frame to the system browser, never other schemes', () => {
    contents.tryNavigate('https://docs.docker.com/');
    contents.tryNavigate('file:///etc/passwd');
    contents.tryNavigate('https://sub.example/', false);
    expect(opened).toEqual(['https://docs.docker.com/']);
  });

  it('prevents redirects away from the app', () => {
    expect(contents.tryRedirect('https://evil.example/')).toBe(true);
    expect(contents.tryRedirect('app://berth/index.html')).toBe(false);
  });

  it('denies window.open and hands only http(s) URLs to the system browser', () => {
    expect(contents.tryOpenWindow('https://github.com/berth')).toBe('deny');
    expect(contents.tryOpenWindow('http://localhost:8080/')).toBe('deny');
    expect(contents.tryOpenWindow('file:///etc/passwd')).toBe('deny');
    expect(contents.tryOpenWindow('javascript:alert(1)')).toBe('deny');
    expect(contents.tryOpenWindow('app://berth/index.html')).toBe('deny');
    expect(opened).toEqual(['https://github.com/berth', 'http://localhost:8080/']);
  });

  it('prevents <webview>', () => {
    expect(contents.tryAttachWebview()).toBe(true);
  });
});

describe('hardenSession', () => {
  beforeEach(() => {
    resetFakeElectron();
    hardenSession(session.defaultSession as unknown as Session, () => undefined);
  });

  const request = (permission: string, requestingUrl: string, isMainFrame = true) =>
    new Promise<boolean>((resolve) => session.defaultSession.permissionRequestHandler?.({}, permission, resolve, { requestingUrl, isMainFrame }));

  it('denies permission requests (only clipboard writes from the app are allowed)', async () => {
    expect(await request('media', 'app://berth/index.html')).toBe(false);
    expect(await request('notifications', 'app://berth/index.html')).toBe(false);
    expect(await request('clipboard-read', 'app://berth/index.html')).toBe(false);
    expect(await request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(await request('clipboard-sanitized-write', 'app://berth/index.html', false)).toBe(false);
    expect(await request('clipboard-sanitized-write', 'app://berth/index.html')).toBe(true);
    const check = session.defaultSession.permissionCheckHandler!;
    expect(check({}, 'geolocation', 'app://berth', {})).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'app://berth', {})).toBe(true);
  });

  it('cancels every network request from the page', () => {
    const hook = session.defaultSession.webRequest.beforeRequest!;
    expect(hook.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*']));
    let response: { cancel?: boolean } | undefined;
    hook.listener({ url: 'https://tracker.example/x.js', resourceType: 'script' }, (r) => (response = r));
    expect(response).toEqual({ cancel: true });
  });
});

describe('isAppUrl', () => {
  it('accepts app://berth only', () => {
    expect(isAppUrl('app://berth/index.html')).toBe(true);
    expect(isAppUrl('app://berth')).toBe(true);
    expect(isAppUrl('app://berth.evil/')).toBe(false);
    expect(isAppUrl('http://berth/')).toBe(false);
    expect(isAppUrl('')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
