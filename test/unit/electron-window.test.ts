import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL, CONTENT_SECURITY_POLICY, createMainWindow, denyPermissionCheck, denyPermissionRequest, devServerOriginFrom,
  entryUrlFor, handleWillFrameNavigate, handleWillNavigate, handleWillRedirect, handleWindowOpen, hardenWebContents,
  injectContentSecurityPolicy, isAllowedExternalUrl, isAppPageUrl, judgeNavigation, PACKAGED_PAGES, secureSession,
  type AppPages, type NavigationGuards,
} from '../../src-main/window';
import type { Logger } from '../../src-main/core/logger';
import { CARRIER_CODES, trackingUrlFor } from '../../src-shared/domain/tracking/carriers';

const DEV_PAGES: AppPages = { devServerOrigin: 'http://localhost:5173' };

function fakeLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
}

function fakeGuards(pages: AppPages = PACKAGED_PAGES) {
  const openExternal = vi.fn(async (_url: string) => {});
  const logger = fakeLogger();
  const guards: NavigationGuards = { pages, shell: { openExternal }, logger };
  return { guards, openExternal, logger };
}

function navigationEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

describe('main window webPreferences', () => {
  class FakeBrowserWindow extends EventEmitter {
    static created: BrowserWindowConstructorOptions[] = [];
    loaded: string[] = [];
    constructor(options: BrowserWindowConstructorOptions) {
      super();
      FakeBrowserWindow.created.push(options);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show() {}
  }

  function create() {
    FakeBrowserWindow.created = [];
    const win = createMainWindow({ BrowserWindow: FakeBrowserWindow as unknown as typeof BrowserWindow }, {
      preloadPath: '/app/out/preload/preload.cjs', entryUrl: APP_ENTRY_URL, logger: fakeLogger(),
    }) as unknown as FakeBrowserWindow;
    const options = FakeBrowserWindow.created[0];
    if (!options?.webPreferences) throw new Error('no webPreferences were passed');
    return { win, prefs: options.webPreferences, options };
  }

  it('passes the secure settings to the window it creates', () => {
    const { prefs } = create();
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('enables nothing that widens the renderer', () => {
    const { prefs } = create();
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
    expect(prefs.partition).toBeUndefined();
    expect(prefs.session).toBeUndefined();
  });

  it('loads the entry URL and stays hidden until ready-to-show', () => {
    const { win, options } = create();
    expect(options.show).toBe(false);
    expect(win.loaded).toEqual(['app://desk/index.html']);
    expect(win.listenerCount('ready-to-show')).toBe(1);
  });
});

describe('content security policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }));

  it('has no unsafe-inline, unsafe-eval or wildcards', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
    for (const values of directives.values()) expect(values).not.toContain('*');
  });

  it('restricts every fetch directive to the desk itself', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is added to responses, keeping a server policy beside it and the other headers as they were', () => {
    const callback = vi.fn();
    injectContentSecurityPolicy({
      responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["img-src 'none'"] },
    }, callback);
    expect(callback).toHaveBeenCalledTimes(1);
    const { responseHeaders } = callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(responseHeaders['content-type']).toEqual(['text/html']);
    expect(responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY, "img-src 'none'"]);
    expect(Object.keys(responseHeaders).filter((k) => k.toLowerCase() === 'content-security-policy')).toHaveLength(1);
  });

  it('is added when the response had no headers at all', () => {
    const callback = vi.fn();
    injectContentSecurityPolicy({}, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://dashboard.stripe.com/payments/pi_123',
    'https://admin.shopify.com/store/happy-paws/orders/42',
    'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    'https://www.fedex.com/fedextrack/?trknbr=123456789012',
    'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400100000000000000000',
    'https://www.dhl.com/en/express/tracking.html?AWB=1234567890',
    'https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB',
    'https://DASHBOARD.STRIPE.COM/payments',
    'https://dashboard.stripe.com:443/payments',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each(CARRIER_CODES.filter((carrier) => trackingUrlFor(carrier, '1Z999AA10123456784') !== null))(
    'lets the owner open the %s tracking page the parcel card links to', (carrier) => {
      expect(isAllowedExternalUrl(trackingUrlFor(carrier, '1Z999AA10123456784'))).toBe(true);
    },
  );

  it.each([
    ['javascript', 'javascript:alert(1)'],
    ['javascript with an allowed host in it', 'javascript://dashboard.stripe.com/%0aalert(1)'],
    ['file', 'file:///etc/passwd'],
    ['plain http', 'http://dashboard.stripe.com/payments'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['a custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['smb', 'smb://dashboard.stripe.com/share'],
    ['the desk itself', 'app://desk/index.html'],
    ['credentials', 'https://user:pass@dashboard.stripe.com/'],
    ['a user name that looks like the host', 'https://dashboard.stripe.com@evil.example/'],
    ['an unknown host', 'https://evil.example/'],
    ['a look-alike subdomain', 'https://dashboard.stripe.com.evil.example/'],
    ['a parent domain of an allowed host', 'https://stripe.com/'],
    ['a sibling subdomain', 'https://connect.stripe.com/'],
    ['a trailing dot', 'https://dashboard.stripe.com./'],
    ['a non-default port', 'https://dashboard.stripe.com:8443/'],
    ['an IDN look-alike', 'https://dashboard.strіpe.com/'],
    ['an IP address', 'https://104.18.0.1/'],
    ['a newline in the URL', 'https://dashboard.stripe.com/\nx'],
    ['a leading space', ' https://dashboard.stripe.com/'],
    ['a relative URL', '/payments'],
    ['the empty string', ''],
    ['a very long URL', `https://dashboard.stripe.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_why, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it.each([[undefined], [null], [42], [{ href: 'https://dashboard.stripe.com/' }]])('refuses the non-string %j', (value) => {
    expect(isAllowedExternalUrl(value)).toBe(false);
  });
});

describe('which pages are the desk', () => {
  it('is exactly app://desk when packaged', () => {
    expect(isAppPageUrl('app://desk/index.html', PACKAGED_PAGES)).toBe(true);
    expect(isAppPageUrl('app://desk/', PACKAGED_PAGES)).toBe(true);
    expect(isAppPageUrl('app://other/index.html', PACKAGED_PAGES)).toBe(false);
    expect(isAppPageUrl('app://desk:8080/index.html', PACKAGED_PAGES)).toBe(false);
    expect(isAppPageUrl('app://user@desk/index.html', PACKAGED_PAGES)).toBe(false);
    expect(isAppPageUrl('file:///work/out/renderer/index.html', PACKAGED_PAGES)).toBe(false);
    expect(isAppPageUrl('http://localhost:5173/', PACKAGED_PAGES)).toBe(false);
    expect(isAppPageUrl('not a url', PACKAGED_PAGES)).toBe(false);
  });

  it('adds the dev server origin, and only it, in development', () => {
    expect(isAppPageUrl('http://localhost:5173/src/main.tsx', DEV_PAGES)).toBe(true);
    expect(isAppPageUrl('http://localhost:5174/', DEV_PAGES)).toBe(false);
    expect(isAppPageUrl('https://localhost:5173/', DEV_PAGES)).toBe(false);
    expect(isAppPageUrl('app://desk/index.html', DEV_PAGES)).toBe(true);
  });

  it('takes the dev server only from an unpackaged app and only on loopback', () => {
    expect(devServerOriginFrom('http://localhost:5173/', false)).toBe('http://localhost:5173');
    expect(devServerOriginFrom('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173');
    expect(devServerOriginFrom('http://localhost:5173/', true)).toBeUndefined();
    expect(devServerOriginFrom('http://192.168.1.20:5173/', false)).toBeUndefined();
    expect(devServerOriginFrom('https://evil.example/', false)).toBeUndefined();
    expect(devServerOriginFrom('http://user:pw@localhost:5173/', false)).toBeUndefined();
    expect(devServerOriginFrom('file:///tmp/index.html', false)).toBeUndefined();
    expect(devServerOriginFrom(undefined, false)).toBeUndefined();
  });

  it('loads app://desk/index.html, or the dev server in development', () => {
    expect(entryUrlFor(PACKAGED_PAGES)).toBe('app://desk/index.html');
    expect(entryUrlFor(DEV_PAGES)).toBe('http://localhost:5173/');
  });

  it('judges navigation: stay on the desk, allow-listed links to the browser, nothing else', () => {
    expect(judgeNavigation('app://desk/index.html', PACKAGED_PAGES)).toBe('allow');
    expect(judgeNavigation('https://dashboard.stripe.com/payments', PACKAGED_PAGES)).toBe('open-externally');
    expect(judgeNavigation('https://evil.example/', PACKAGED_PAGES)).toBe('deny');
    expect(judgeNavigation('file:///etc/passwd', PACKAGED_PAGES)).toBe('deny');
  });
});

describe('will-navigate', () => {
  it('lets the desk reload its own page', () => {
    const { guards, openExternal } = fakeGuards();
    const event = navigationEvent('app://desk/index.html');
    handleWillNavigate(event, guards);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it.each(['https://evil.example/', 'file:///etc/passwd', 'http://localhost:5173/', 'app://other/index.html', 'javascript:alert(1)'])(
    'denies %s without opening anything', (url) => {
      const { guards, openExternal, logger } = fakeGuards();
      const event = navigationEvent(url);
      handleWillNavigate(event, guards);
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
      expect(openExternal).not.toHaveBeenCalled();
      expect(logger.warnings).toHaveLength(1);
    },
  );

  it('keeps an allow-listed link out of the window but opens it in the browser', () => {
    const { guards, openExternal } = fakeGuards();
    const event = navigationEvent('https://www.ups.com/track?tracknum=1Z999');
    handleWillNavigate(event, guards);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://www.ups.com/track?tracknum=1Z999');
  });

  it('allows the dev server only when it is the dev server', () => {
    const dev = fakeGuards(DEV_PAGES);
    const event = navigationEvent('http://localhost:5173/');
    handleWillNavigate(event, dev.guards);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('denies subframe navigations and redirects away from the desk', () => {
    const { guards } = fakeGuards();
    const subframe = navigationEvent('https://evil.example/', false);
    handleWillFrameNavigate(subframe, guards);
    expect(subframe.preventDefault).toHaveBeenCalledTimes(1);

    // The main frame is will-navigate's to judge (it may open an allow-listed link in the browser).
    const mainFrame = navigationEvent('https://dashboard.stripe.com/', true);
    handleWillFrameNavigate(mainFrame, guards);
    expect(mainFrame.preventDefault).not.toHaveBeenCalled();

    const ownSubframe = navigationEvent('app://desk/index.html', false);
    handleWillFrameNavigate(ownSubframe, guards);
    expect(ownSubframe.preventDefault).not.toHaveBeenCalled();

    const redirect = navigationEvent('https://dashboard.stripe.com/');
    handleWillRedirect(redirect, guards);
    expect(redirect.preventDefault).toHaveBeenCalledTimes(1);
  });
});

describe('window open handler', () => {
  it.each(['https://evil.example/', 'app://desk/index.html', 'http://dashboard.stripe.com/', 'file:///etc/passwd', 'about:blank'])(
    'denies %s and opens nothing', (url) => {
      const { guards, openExternal } = fakeGuards();
      expect(handleWindowOpen({ url }, guards)).toEqual({ action: 'deny' });
      expect(openExternal).not.toHaveBeenCalled();
    },
  );

  it('denies an allow-listed https link too, and opens it in the browser instead', () => {
    const { guards, openExternal } = fakeGuards();
    expect(handleWindowOpen({ url: 'https://dashboard.stripe.com/payments/pi_1' }, guards)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://dashboard.stripe.com/payments/pi_1');
  });

  it('opens the normalised URL that was checked, not the raw string', () => {
    const { guards, openExternal } = fakeGuards();
    handleWindowOpen({ url: 'https://DASHBOARD.stripe.com:443/a/../payments' }, guards);
    expect(openExternal).toHaveBeenCalledWith('https://dashboard.stripe.com/payments');
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])('denies a %s request', (permission) => {
    const callback = vi.fn();
    denyPermissionRequest({}, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers every permission check with false', () => {
    expect(denyPermissionCheck()).toBe(false);
  });

  it('installs the deny handlers and the CSP on the session', () => {
    const ses = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    secureSession(ses as unknown as Session);
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck);
    const deviceHandler = ses.setDevicePermissionHandler.mock.calls[0]?.[0] as () => boolean;
    expect(deviceHandler()).toBe(false);
    expect(ses.webRequest.onHeadersReceived).toHaveBeenCalledWith(injectContentSecurityPolicy);
  });
});

describe('hardenWebContents', () => {
  class FakeContents extends EventEmitter {
    windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    }
  }

  function harden() {
    const contents = new FakeContents();
    const fake = fakeGuards();
    hardenWebContents(contents as unknown as WebContents, fake.guards);
    return { contents, ...fake };
  }

  it('guards navigation and window.open on every web contents', () => {
    const { contents, openExternal } = harden();
    const event = navigationEvent('https://evil.example/');
    contents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('guards subframe navigations and redirects', () => {
    const { contents } = harden();
    const frame = navigationEvent('https://evil.example/', false);
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const redirect = navigationEvent('https://evil.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('prevents every <webview> from attaching', () => {
    const { contents } = harden();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://evil.example/' });
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });
});

describe('closing with unsaved changes', () => {
  it('unloads only when the person chooses to leave', async () => {
    const { handleWillPreventUnload } = await import('../../src-main/window');
    let prevented = 0;
    const event = { preventDefault: () => { prevented += 1; } };
    handleWillPreventUnload(event, () => false);
    expect(prevented).toBe(0);
    handleWillPreventUnload(event, () => true);
    expect(prevented).toBe(1);
  });
});
