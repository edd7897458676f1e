/**
 * Debian's Chromium driven by playwright-core (downloaded browsers cannot be fetched here). Flags keep it
 * off the network: on this closed machine background connections would fail many at a time.
 */
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function hasChromium(): boolean {
  return existsSync(chromiumPath);
}

export interface BrowserSession {
  readonly browser: Browser;
  newContext(locale?: string): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
  return {
    browser,
    newContext: (locale = "ru-RU") => browser.newContext({ locale, viewport: { width: 1280, height: 800 } }),
    // Playwright gives each launch a fresh, temporary profile and removes it on close.
    close: () => browser.close(),
  };
}
