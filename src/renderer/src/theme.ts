import {
  createTheme,
  darken,
  DEFAULT_THEME,
  luminance,
  Modal,
  Notification,
  Select,
  type CSSVariablesResolver,
} from '@mantine/core';
import { DateInput, DatePickerInput, type CalendarAriaLabels } from '@mantine/dates';

const CALENDAR_LABELS: CalendarAriaLabels = {
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  previousYear: 'Previous year',
  nextYear: 'Next year',
  previousDecade: 'Previous decade',
  nextDecade: 'Next decade',
  monthLevelControl: 'Choose the month',
  yearLevelControl: 'Choose the year',
};

/** Calm, readable, and with system fonts only: the CSP allows no remote fonts and the app runs offline. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 7,
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Mantine's × (dialogs, notifications) is an icon only: give it a name (axe-core button-name).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // The pickers' arrows are icons only too; days of the neighbouring months were pale grey.
    DateInput: DateInput.extend({ defaultProps: { ariaLabels: CALENDAR_LABELS, hideOutsideDates: true } }),
    DatePickerInput: DatePickerInput.extend({
      defaultProps: { ariaLabels: CALENDAR_LABELS, hideOutsideDates: true },
    }),
    // The option list itself scrolls, not a wrapper around it: a scrolling wrapper is a region no
    // key can reach (axe-core scrollable-region-focusable), while the listbox is driven by the
    // arrow keys from its input.
    Select: Select.extend({
      defaultProps: { withScrollArea: false },
      styles: { options: { maxHeight: 220, overflowY: 'auto' } },
    }),
  },
});

/**
 * WCAG AA asks 4.5:1 for normal text; a little more, so text stays readable on the app's grey
 * page (gray.0) and striped rows as well as on white.
 */
const TEXT_CONTRAST = 4.6;
const PAGE = DEFAULT_THEME.colors.gray[0];

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The colour, darkened in small steps until it reads at TEXT_CONTRAST against `against`. */
function readable(color: string, against: string): string {
  let value = color;
  for (let step = 1; contrast(value, against) < TEXT_CONTRAST && step <= 20; step += 1) {
    value = darken(color, step * 0.05);
  }
  return value;
}

/**
 * Mantine's light scheme draws several colours below AA (issue 11, axe-core): white on teal.7
 * (3.1:1), teal.9 on teal.1 in light badges (4.3:1), dimmed grey text (3.3:1), red error text
 * (3.3:1). Every colour of the palette keeps its hue and is only darkened as far as needed: filled
 * (white text on it, and coloured text on the page), light badges (text on their tint) and outline; dimmed text, errors, links and placeholders likewise.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': resolved.colors.gray[7],
    '--mantine-color-error': readable(resolved.colors.red[8], PAGE),
    '--mantine-color-anchor': readable(resolved.colors.blue[7], PAGE),
    // A date picker's placeholder is the button's only text, so it must be read too.
    '--mantine-color-placeholder': readable(resolved.colors.gray[5], PAGE),
  };
  const shade =
    typeof resolved.primaryShade === 'number' ? resolved.primaryShade : resolved.primaryShade.light;
  for (const [name, shades] of Object.entries(resolved.colors)) {
    const filled = readable(shades[shade], PAGE);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.1);
    light[`--mantine-color-${name}-outline`] = filled;
    // Readable on the tint and on its hover tint (the pointer rests on the nav link just clicked).
    light[`--mantine-color-${name}-light-color`] = readable(shades[9], shades[2]);
  }
  return { variables: {}, light, dark: {} };
};
