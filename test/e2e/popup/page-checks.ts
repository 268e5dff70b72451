import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * axe-core in an extension page. Extension pages run under the MV3 content-security policy
 * (script-src 'self'), which blocks page.addScriptTag: Playwright injects the file's text as an inline
 * <script>. page.evaluate() goes through the DevTools protocol (Runtime.evaluate), which the page's CSP
 * does not govern, so the axe source is evaluated that way.
 */
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

/**
 * How much of a screenshot is not background: the PNG is decoded in a blank page's canvas and pixels
 * that differ from the top-left pixel (the page background) are counted. Returns the share (0–1).
 */
export async function inkShare(context: BrowserContext, png: Buffer): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto('about:blank');
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, img.width, img.height);
      const [r0, g0, b0] = [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs((data[i] ?? 0) - r0) + Math.abs((data[i + 1] ?? 0) - g0) + Math.abs((data[i + 2] ?? 0) - b0) > 48) ink++;
      }
      return ink / (data.length / 4);
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}
