/**
 * The quality bars every page of the app meets, checked on the page as it stands: axe-core finds
 * no serious or critical violation, and nothing scrolls sideways, on a 360 px phone and on a
 * 1366 px laptop; full-page screenshots of both go to `screenshots/` (git-ignored) for a person to
 * look at, and the page's transfer size to the run's record, its JavaScript within 30 KB.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { recordTransferSize, transferSize } from './transfer-size.ts';

export const SCREENSHOTS_DIR = join(process.cwd(), 'screenshots');

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1366, height: 768 },
];

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** The budget: at most 30 KB of JavaScript on any page, as transferred. */
const MAX_SCRIPT_BYTES = 30 * 1024;

// Evaluated through the DevTools protocol: the app's CSP rightly refuses an injected <script>.
let axeSource: Promise<string> | undefined;

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** `name` names the screenshots (`<name>-360.png`, `<name>-1366.png`) and the size record. */
export async function checkPage(page: Page, name: string): Promise<void> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))
    throw new Error(`checkPage: "${name}" is not a kebab-case name`);
  const viewport = page.viewportSize();
  const failures: string[] = [];
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  for (const size of VIEWPORTS) {
    await page.setViewportSize(size);
    for (const violation of await axeViolations(page)) {
      if (BLOCKING_IMPACTS.has(violation.impact ?? ''))
        failures.push(
          `${size.width} px: ${violation.id} (${violation.impact}) at ${violation.targets.join(', ')} — ${violation.help}`,
        );
    }
    const { scrollWidth, innerWidth } = await page.evaluate(() => {
      const window = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return { scrollWidth: window.document.documentElement.scrollWidth, innerWidth: window.innerWidth };
    });
    if (scrollWidth > innerWidth)
      failures.push(`${size.width} px: scrolls sideways, ${scrollWidth} px of content in ${innerWidth} px`);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-${size.width}.png`), fullPage: true });
  }
  if (viewport) await page.setViewportSize(viewport);
  const size = await transferSize(page);
  await recordTransferSize(name, size);
  if (size.script > MAX_SCRIPT_BYTES)
    failures.push(`loads ${size.script} bytes of JavaScript, more than the ${MAX_SCRIPT_BYTES} a page may`);
  if (failures.length > 0) throw new Error(`page "${name}" misses the quality bars:\n${failures.join('\n')}`);
}

async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(await axeSource);
  }
  return page.evaluate(async () => {
    const { axe } = globalThis as unknown as { axe: typeof import('axe-core') };
    const results = await axe.run({ resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}
