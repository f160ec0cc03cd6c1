import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { UserInputError } from '../model/diagnostics.ts';

/** Where distributions and vendors put Chromium or Chrome, in the order we try them. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

/**
 * Flags for a throwaway, offline renderer: no sandbox (containers and CI rarely allow one),
 * no GPU, and none of the background services that would reach the network.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Playwright's own `--disable-features` list (playwright-core 1.65, `chromiumSwitches`).
 * Chromium keeps only the last value of a repeated switch, so adding a feature means passing
 * this list again; a test fails when Playwright's list gains a feature missing here.
 */
export const PLAYWRIGHT_DISABLED_FEATURES: readonly string[] = [
  'AimEnabled',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsFirstBalancedModeAutoEnable',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'PaintHolding',
  'PreconnectToSearch',
  'TcpPortRandomizationWin',
  'ThirdPartyStoragePartitioning',
  'msEdgeUpdateLaunchServicesPreferredVersion',
  'msForceBrowserSignIn',
];

/**
 * Headless Chromium builds a browser window for each page, and with it the omnibox popup's WebUI
 * in a renderer of its own (`chrome://omnibox-popup.top-chrome/`) that nobody sees. Switching it
 * off saves ~0.7 s of CPU per launch, a tenth of a render on 2 cores.
 */
export const RENDERER_DISABLED_FEATURES: readonly string[] = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

const INSTALL_HINT = 'install it with `apt-get install -y chromium` or set CHROMIUM_PATH to a Chromium or Chrome executable';

/** Starts a browser. Injectable so callers (and tests) can count or forbid launches. */
export type BrowserLauncher = () => Promise<Browser>;

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The system Chromium to drive: `CHROMIUM_PATH` when set (and then only it, so a typo is
 * reported instead of silently using another browser), else the first usual path that exists.
 */
export function findChromium(
  env: Readonly<Record<string, string | undefined>> = process.env,
  isUsable: (path: string) => boolean = isExecutableFile,
): string {
  const configured = env['CHROMIUM_PATH'];
  if (configured !== undefined && configured !== '') {
    if (isUsable(configured)) return configured;
    throw new UserInputError([
      {
        severity: 'error',
        rule: 'render/chromium-missing',
        message: `CHROMIUM_PATH is set to ${configured}, but no executable file is there; ${INSTALL_HINT}.`,
        expected: 'an executable Chromium or Chrome',
        found: configured,
      },
    ]);
  }
  for (const candidate of CHROMIUM_CANDIDATES) {
    if (isUsable(candidate)) return candidate;
  }
  throw new UserInputError([
    {
      severity: 'error',
      rule: 'render/chromium-missing',
      message: `No Chromium found (looked at ${CHROMIUM_CANDIDATES.join(', ')}); ${INSTALL_HINT}.`,
      expected: 'an executable Chromium or Chrome',
    },
  ]);
}

/**
 * Launches the system Chromium headless. Playwright's `launch()` gives every browser a fresh
 * temporary user-data-dir (`playwright_chromiumdev_profile-*`) and deletes it on close, so
 * no profile state leaks between runs. playwright-core is loaded lazily: runs that find
 * every diagram cached never pay for loading it. It is CommonJS, so `require` loads it ~90 ms
 * faster than `import()`, which first scans its 5 MB for named exports.
 */
export async function launchChromium(executablePath: string = findChromium()): Promise<Browser> {
  const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
  const disabledFeatures = [...PLAYWRIGHT_DISABLED_FEATURES, ...RENDERER_DISABLED_FEATURES].join(',');
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS, `--disable-features=${disabledFeatures}`] });
}
