import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The impacts issue 11 allows none of. */
const BLOCKING = new Set(['serious', 'critical']);

interface PageAnimations {
  document: {
    getAnimations(): { playState: string; effect: { getTiming(): { iterations?: number } } | null }[];
  };
}

/**
 * Waits until the page stops moving (a dialog's fade, a popover opening), so colour contrast is
 * measured on what stays on screen. Endless animations (loading skeletons) are not waited for.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as PageAnimations).document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

/** For colour contrast, the measured colours: what to change is then plain from the line. */
function contrastDetail(data: unknown): string {
  const d = data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | null;
  return d?.fgColor ? ` (${d.fgColor} on ${d.bgColor}, ${d.contrastRatio}:1)` : '';
}

/**
 * Runs axe-core over the page as it is now (or only the part matching `within`) and answers one
 * readable line per serious or critical finding: where (the screen's name), rule id, the element's
 * selector and the rule's help.
 */
export async function seriousAxeViolations(page: Page, where: string, within?: string): Promise<string[]> {
  await settle(page);
  // Every rule still runs and every violation comes back with all its elements; only the passes,
  // the incomplete and the inapplicable (never read here) are cut to one element each, which
  // spares axe a unique selector for every passing element (axe-core API.md, "Performance").
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  // A popup opened on a screen already checked: only the popup is new (and the big screen is slow).
  if (within !== undefined) builder.include(within);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${where}: ${violation.id} (${violation.impact}) at ${node.target.join(' ')} — ${violation.help}` +
          (violation.id === 'color-contrast' ? contrastDetail(node.any[0]?.data) : ''),
      ),
    );
}
