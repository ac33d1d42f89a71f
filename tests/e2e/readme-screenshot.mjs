// Refreshes docs/page-seed-002.png, the README's picture of the page validating seed 002 with its
// period finding selected. Run through run.sh: REPORTVALIDATION_README_SCREENSHOT=1 bash tests/e2e/run.sh
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage, paste, seed } from './tests/support.mjs';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/page-seed-002.png');
const browser = await launch();
try {
  const { page } = await openPage(browser.context, { width: 1400, height: 1450 });
  await paste(page, seed('002').text);
  await page.click('#findings button.finding[data-rule-id="meta.period_invalid"]');
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: target });
  console.log(`wrote ${target}`);
} finally {
  await browser.close();
}
