import { describe, expect, it } from 'vitest';
import {
  describeRange,
  formatDateOfBirth,
  pageCount,
} from '../../../src/renderer/src/features/patients/patientFormat';

describe('patient list formatting', () => {
  it('formats dates of birth without a time zone shift', () => {
    expect(formatDateOfBirth('1984-02-29')).toBe('29 Feb 1984');
    expect(formatDateOfBirth('not a date')).toBe('not a date');
  });

  it('describes the visible range', () => {
    expect(describeRange(0, 25, 132)).toBe('Showing 1–25 of 132 patients');
    expect(describeRange(125, 7, 132)).toBe('Showing 126–132 of 132 patients');
    expect(describeRange(0, 1, 1)).toBe('Showing 1–1 of 1 patient');
    expect(describeRange(0, 0, 0)).toBe('No patients');
    expect(describeRange(25, 25, 500, true)).toBe('Showing 26–50 of 500+ patients');
  });

  it('always has at least one page', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(26, 25)).toBe(2);
  });
});
