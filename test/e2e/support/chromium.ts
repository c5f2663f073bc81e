// Launches Debian's Chromium (/usr/bin/chromium, installed by .ci/run) through playwright-core,
// headless, accepting the test server's self-signed certificate.
import { existsSync } from 'node:fs';
import { Browser, BrowserContext, chromium } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--ignore-certificate-errors',
];

export const launchChromium = async (): Promise<{ browser: Browser; context: BrowserContext }> => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: install Debian's Chromium (apt-get install -y chromium), as .ci/run does`,
    );
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 1400 } });
  return { browser, context };
};
