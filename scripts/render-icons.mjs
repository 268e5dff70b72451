// Renders assets/icons/icon.svg to the PNG sizes the manifest names, with the
// system Chromium. The PNGs are committed, so a build never needs a browser; run
// this again only after editing the SVG: `npm run icons`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve(import.meta.dirname, '../assets/icons');
const svg = readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of [16, 32, 48, 128]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(path.join(dir, `icon-${size}.png`), png);
    await page.close();
  }
} finally {
  await browser.close();
}
console.log('icons written to assets/icons');
