/**
 * The desk's one window and the guards every web contents gets. Electron is imported for its types only,
 * and its parts (BrowserWindow, shell, session) are passed in, so this module loads and is tested without
 * the Electron binary.
 */
import { CARRIER_TRACKING_HOSTS } from '../src-shared/domain/tracking/carriers';
import type {
  BrowserWindow, HandlerDetails, OnHeadersReceivedListenerDetails, HeadersReceivedResponse, Session, Shell, WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import type { Logger } from './core/logger';
import { CONTENT_SECURITY_POLICY } from './security/csp';

export { CONTENT_SECURITY_POLICY };

/**
 * The renderer is served from a privileged custom scheme (see electron-host.ts), as Electron's security
 * guide recommends, rather than from file://: the page gets a real origin of its own, and it cannot read
 * the rest of the disk through relative URLs.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Which pages are ours. Under `electron-vite dev` the renderer comes from a loopback dev server instead. */
export interface AppPages {
  /** e.g. `http://localhost:5173`; undefined in a packaged or built app. */
  devServerOrigin: string | undefined;
}

export const PACKAGED_PAGES: AppPages = { devServerOrigin: undefined };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server's origin from ELECTRON_RENDERER_URL, honoured only in an unpackaged app and only on
 * loopback: an environment variable must never make a shipped desk trust a page on the network.
 */
export function devServerOriginFrom(rendererUrl: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || !rendererUrl) return undefined;
  const url = parseUrl(rendererUrl);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  if (url.username !== '' || url.password !== '' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return url.origin;
}

/** The URL the main window loads. */
export function entryUrlFor(pages: AppPages): string {
  return pages.devServerOrigin ? `${pages.devServerOrigin}/` : APP_ENTRY_URL;
}

function parseUrl(raw: unknown): URL | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** True for the desk's own page: app://desk/... exactly (no port, no credentials), or the dev server's origin. */
export function isAppPageUrl(rawUrl: unknown, pages: AppPages): boolean {
  const url = parseUrl(rawUrl);
  if (!url || url.username !== '' || url.password !== '') return false;
  // Node's URL gives custom schemes the origin "null", so compare the parts rather than `origin`.
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  return pages.devServerOrigin !== undefined && url.origin === pages.devServerOrigin;
}

/**
 * Sites the desk may send the shop owner to, in their own browser: the payment and store dashboards and
 * the carriers' tracking pages. Exact host names only: a suffix rule such as *.myshopify.com would
 * include pages anyone can create. A carrier adapter that links elsewhere must add its host here.
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'dashboard.stripe.com',
  'admin.shopify.com',
  // Taken from the carriers' tracking pages the desk links to, so a link and its permission cannot drift apart.
  ...CARRIER_TRACKING_HOSTS,
]);

const MAX_EXTERNAL_URL_LENGTH = 2048;
// Whitespace and control characters are silently dropped or re-encoded by the URL parser; a link that
// needs them is not one we produced, so it is refused rather than repaired.
const WHITESPACE_OR_CONTROL = /[\u0000-\u0020\u007f-\u009f]/;

/** The parsed URL if it may be opened in the user's browser: https, no credentials, no port, allow-listed host. */
export function parseAllowedExternalUrl(rawUrl: unknown): URL | undefined {
  if (typeof rawUrl !== 'string' || rawUrl.length > MAX_EXTERNAL_URL_LENGTH || WHITESPACE_OR_CONTROL.test(rawUrl)) return undefined;
  const url = parseUrl(rawUrl);
  if (!url || url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '' || url.port !== '') return undefined;
  return EXTERNAL_HOSTS.has(url.hostname) ? url : undefined;
}

export function isAllowedExternalUrl(rawUrl: unknown): boolean {
  return parseAllowedExternalUrl(rawUrl) !== undefined;
}

/** Only the origin goes to the log: a full URL may carry a token in its query. */
function originForLog(rawUrl: unknown): string {
  const url = parseUrl(rawUrl);
  if (!url) return '(not a URL)';
  return url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin;
}

export interface NavigationGuards {
  pages: AppPages;
  shell: Pick<Shell, 'openExternal'>;
  logger: Logger;
}

/** Opens an allow-listed https URL in the user's browser; anything else is refused. Returns whether it opened. */
export function openExternalIfAllowed(rawUrl: unknown, guards: NavigationGuards): boolean {
  const url = parseAllowedExternalUrl(rawUrl);
  if (!url) {
    guards.logger.warn(`refused to open ${originForLog(rawUrl)} outside the desk: not an allowed https link`);
    return false;
  }
  // Reviewed: url is the parsed, allow-listed URL from the line above, and we pass its normalised href.
  guards.shell.openExternal(url.href).catch((error: unknown) => guards.logger.error(`could not open ${url.origin}`, error)); // eng-disable OPEN_EXTERNAL_JS_CHECK (see above)
  return true;
}

export type NavigationVerdict = 'allow' | 'open-externally' | 'deny';

/** Where a page may go: its own pages stay in the window, allow-listed links go to the browser, nothing else. */
export function judgeNavigation(rawUrl: unknown, pages: AppPages): NavigationVerdict {
  if (isAppPageUrl(rawUrl, pages)) return 'allow';
  return isAllowedExternalUrl(rawUrl) ? 'open-externally' : 'deny';
}

export interface NavigationEventLike {
  url: string;
  preventDefault(): void;
}

/** `will-navigate` (main frame, started by the page): deny by default. */
export function handleWillNavigate(event: NavigationEventLike, guards: NavigationGuards): void {
  const verdict = judgeNavigation(event.url, guards.pages);
  if (verdict === 'allow') return;
  event.preventDefault();
  if (verdict === 'open-externally') openExternalIfAllowed(event.url, guards);
  else guards.logger.warn(`blocked navigation to ${originForLog(event.url)}`);
}

/** `will-frame-navigate`: a subframe (the desk has none) may only show the desk's own pages. */
export function handleWillFrameNavigate(event: NavigationEventLike & { isMainFrame: boolean }, guards: NavigationGuards): void {
  // The main frame is judged by will-navigate, which also sends allow-listed links to the browser.
  if (event.isMainFrame || isAppPageUrl(event.url, guards.pages)) return;
  event.preventDefault();
  guards.logger.warn(`blocked a frame navigation to ${originForLog(event.url)}`);
}

/** `will-redirect`: a redirect may not take any frame off the desk's own pages. */
export function handleWillRedirect(event: NavigationEventLike, guards: NavigationGuards): void {
  if (isAppPageUrl(event.url, guards.pages)) return;
  event.preventDefault();
  guards.logger.warn(`blocked a redirect to ${originForLog(event.url)}`);
}

/** `setWindowOpenHandler`: the desk never opens a second Electron window; allow-listed links go to the browser. */
export function handleWindowOpen(details: Pick<HandlerDetails, 'url'>, guards: NavigationGuards): WindowOpenHandlerResponse {
  openExternalIfAllowed(details.url, guards);
  return { action: 'deny' };
}

/** Applied from app.on('web-contents-created') to every web contents, the main window's included. */
export function hardenWebContents(contents: WebContents, guards: NavigationGuards): void {
  contents.on('will-navigate', (event) => handleWillNavigate(event, guards));
  contents.on('will-frame-navigate', (event) => handleWillFrameNavigate(event, guards));
  contents.on('will-redirect', (event) => handleWillRedirect(event, guards));
  contents.setWindowOpenHandler((details) => handleWindowOpen(details, guards));
  // webviewTag is off, but a <webview> is refused here too, whatever created the web contents.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    guards.logger.warn('blocked a <webview>');
  });
}

/** The desk needs no camera, microphone, notifications, geolocation, MIDI, USB, ...: every request is refused. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** Synchronous permission checks (navigator.permissions.query, device APIs) get "no" as well. */
export function denyPermissionCheck(): boolean {
  return false;
}

type ResponseHeaders = Record<string, string[]>;

/**
 * session.webRequest.onHeadersReceived: adds the desk's CSP to every http(s) response (the dev server's
 * pages; app:// responses carry it from the protocol handler, since webRequest does not see custom
 * schemes). A policy the server sent is kept beside ours: several policies are all enforced, so the
 * result can only get stricter.
 */
export function injectContentSecurityPolicy(
  details: Pick<OnHeadersReceivedListenerDetails, 'responseHeaders'>,
  callback: (response: HeadersReceivedResponse & { responseHeaders: ResponseHeaders }) => void,
): void {
  const headers: ResponseHeaders = {};
  const serverPolicies: string[] = [];
  for (const [name, values] of Object.entries(details.responseHeaders ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') serverPolicies.push(...values);
    else headers[name] = values;
  }
  // electronegativity can only evaluate a policy written as a literal here, so its CSP evaluation is
  // switched off on this line and test/security/electronegativity.ts runs the same evaluator on CONTENT_SECURITY_POLICY.
  callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY, ...serverPolicies] } }); // eng-disable CSP_GLOBAL_CHECK
}

/** Permissions and CSP for a session (the default one: the desk uses no partitions). */
export function secureSession(ses: Session): void {
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived(injectContentSecurityPolicy);
}

export interface MainWindowOptions {
  preloadPath: string;
  entryUrl: string;
  logger: Logger;
}

/**
 * Creates and loads the desk's window. The settings are written out in the constructor call, not built
 * elsewhere, so electronegativity (which reads `new BrowserWindow({...})` literally) checks these values.
 */
export function createMainWindow(electron: { BrowserWindow: typeof BrowserWindow }, options: MainWindowOptions): BrowserWindow {
  const { BrowserWindow } = electron;
  const mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'PetDrop Desk',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      // Reviewed: our own bundled bridge (src-main/preload.ts), sandboxed; it exposes only invoke/subscribe with allow-lists.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK (see above)
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
      // On Linux and Windows Chromium downloads Hunspell dictionaries from Google: an offline desk must not.
      spellcheck: false,
      // A page stuck in an alert() loop gets a "prevent more dialogs" box instead of locking the desk.
      safeDialogs: true,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow.show());
  mainWindow.loadURL(options.entryUrl).catch((error: unknown) => options.logger.error(`could not load ${originForLog(options.entryUrl)}`, error));
  return mainWindow;
}

/**
 * `will-prevent-unload`: the renderer blocks unloading while a form has unsaved changes. In Electron that
 * would silently keep the window open, so ask; preventDefault() here means "unload anyway".
 */
export function handleWillPreventUnload(event: { preventDefault(): void }, askLeave: () => boolean): void {
  if (askLeave()) event.preventDefault();
}
