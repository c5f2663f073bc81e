// The Swagger console at /docs in a real headless Chromium: the page shows no operation until its
// user authorizes with the admin token, then loads the API, runs "list namespaces"
// (GET /api/v1/namespaces) and shows the answer; a reload restores the persisted token and the API.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { launchChromium } from './support/chromium';
import { waitFor } from '@kubenest/testing/wait';

const screenshotPath = join(tmpdir(), 'kubenest-swagger-e2e.png');

describe('Swagger console', () => {
  let server: KubenestServer;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startKubenest();
    ({ browser, context } = await launchChromium());
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    // Taken pass or fail, to look at what the console showed.
    await page?.screenshot({ path: screenshotPath }).catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('authorizes with the admin token, then loads the API and lists namespaces', async () => {
    const loaded = await page.goto(`${server.url}/docs`, { waitUntil: 'domcontentloaded' });
    expect(loaded?.status()).toBe(200);
    await page.locator('.swagger-ui .information-container .title').waitFor();
    await page.locator('.swagger-ui .auth-wrapper .btn.authorize').waitFor();
    expect(await page.locator('.swagger-ui .opblock-tag-section').count()).toBe(0);

    await page.locator('.swagger-ui .auth-wrapper .btn.authorize').click();
    const dialog = page.locator('.swagger-ui .dialog-ux .modal-ux');
    await dialog.locator('input').first().fill(server.token);
    await dialog.locator('.auth-btn-wrapper button.authorize').first().click();
    await dialog.locator('.auth-btn-wrapper button.btn-done').first().click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.swagger-ui .opblock-tag-section').first().waitFor();

    // Operations start collapsed (docExpansion: none): open the section that holds the operation.
    const operation = page.locator('.opblock.opblock-get', {
      has: page.locator('.opblock-summary-path[data-path="/api/v1/namespaces"]'),
    });
    if ((await operation.count()) === 0) await expandSectionHolding(page, '/api/v1/namespaces');
    await operation.first().locator('.opblock-summary').click();
    const body = operation.first().locator('.opblock-body');
    await body.waitFor();

    const tryItOut = body.locator('button.try-out__btn', { hasText: 'Try it out' });
    if (await tryItOut.count()) await tryItOut.click();
    await body.locator('button.execute').click();

    const response = body.locator('.live-responses-table .response .response-col_description pre').first();
    await response.waitFor();
    const shown = await waitFor('the response body to list namespace default', async () => {
      const text = (await response.textContent()) ?? '';
      return text.includes('"default"') ? text : undefined;
    });
    expect(JSON.parse(shown)).toMatchObject({ kind: 'NamespaceList' });
    const code = await body.locator('.live-responses-table .response .response-col_status').first().textContent();
    expect(code?.trim()).toBe('200');
    await response.scrollIntoViewIfNeeded();
  });

  it('loads the API again after a reload, with the token it persisted', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.locator('.swagger-ui .opblock-tag-section').first().waitFor();
    expect(await page.locator('.swagger-ui .opblock-tag-section').count()).toBeGreaterThan(10);
  });
});

/** Opens tag sections one by one until the GET operation on `path` shows. */
const expandSectionHolding = async (page: Page, path: string): Promise<void> => {
  const wanted = page.locator(`.opblock-summary-path[data-path="${path}"]`);
  const tags = page.locator('.opblock-tag-section .opblock-tag');
  const count = await tags.count();
  for (let i = 0; i < count && (await wanted.count()) === 0; i++) {
    const tag = tags.nth(i);
    if ((await tag.getAttribute('data-is-open')) === 'true') continue;
    await tag.click();
    if ((await wanted.count()) === 0) await tag.click();
  }
  if ((await wanted.count()) === 0) throw new Error(`no operation for ${path} in the Swagger console`);
};
