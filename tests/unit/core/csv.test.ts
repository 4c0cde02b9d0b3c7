import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvLines, FORMULA_START } from '../../../src/main/core/exports/csv';
import { calendarFile, foldLine, icsText } from '../../../src/main/core/mail/templates/ics';
import { escapeHtml, markup } from '../../../src/main/core/mail/templates/html';

describe('CSV cells', () => {
  it("neutralises every formula start, multi-line cells included (papaparse's own pattern misses those)", () => {
    const multiLine = '=1+1\nsecond line';
    expect(Papa.unparse([[multiLine]], { escapeFormulae: true })).toBe('"=1+1\nsecond line"');
    expect(csvLines([[multiLine]])).toBe(`"'=1+1\nsecond line"\r\n`);
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\0']) {
      expect(FORMULA_START.test(`${start}x`), JSON.stringify(start)).toBe(true);
    }
    expect(csvLines([['plain', 'a,b', 'say "hi"', null, 12]])).toBe('plain,"a,b","say ""hi""",,12\r\n');
  });

  it('starts the file with a UTF-8 BOM and the header row', () => {
    expect(csvHeader()).toBe(
      '\uFEFFpatient_number,patient_name,appointment_date,appointment_time,doctor,department,status,diagnosis,treatment_notes,prescription,next_visit\r\n',
    );
  });
});

describe('email HTML', () => {
  it('escapes every interpolated value unless it is already-built markup', () => {
    expect(escapeHtml(`<script>alert('x')</script> & "q"`)).toBe(
      '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;',
    );
    const name = '<img src=x onerror=alert(1)>';
    expect(markup`<p>${name}</p>${[markup`<b>${'&'}</b>`]}${7}`.value).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt;</p><b>&amp;</b>7',
    );
    expect(() => markup`${{ toString: () => '<b>' }}`).toThrow(TypeError);
  });
});

describe('iCalendar', () => {
  it('escapes TEXT values and folds long lines at 75 octets without splitting characters', () => {
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(60)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'é'.repeat(60)}`);
  });

  it('writes CRLF lines with UTC times', () => {
    const ics = calendarFile({
      uid: 'appointment-7@clinic-desk',
      stamp: Date.UTC(2026, 2, 16, 8),
      start: Date.UTC(2026, 2, 16, 10, 30),
      end: Date.UTC(2026, 2, 16, 10, 50),
      summary: 'Visit',
      description: 'Line 1\nLine 2',
      location: 'Clinic',
    });
    expect(ics).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Clinic Desk//Appointment reminder//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'BEGIN:VEVENT',
        'UID:appointment-7@clinic-desk',
        'DTSTAMP:20260316T080000Z',
        'DTSTART:20260316T103000Z',
        'DTEND:20260316T105000Z',
        'SUMMARY:Visit',
        'DESCRIPTION:Line 1\\nLine 2',
        'LOCATION:Clinic',
        'STATUS:CONFIRMED',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });
});
