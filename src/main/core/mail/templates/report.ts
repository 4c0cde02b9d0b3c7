import type { MonthlyReportData } from '../../../../shared/dto/jobs';
import { emailDocument, markup } from './html';
import type { RenderedEmail } from './letter';

export function formatRate(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

/** The monthly activity report; depends only on `data`, so a rerun renders it identically. */
export function reportEmail(clinicName: string, d: MonthlyReportData): RenderedEmail {
  const subject = `Monthly activity report ${d.periodLabel} – ${d.doctorName}`;
  const statusRows: [string, number][] = [
    ['Booked', d.totals.booked],
    ['Arrived', d.totals.arrived],
    ['Completed', d.totals.completed],
    ['Cancelled', d.totals.cancelled],
    ['No-show', d.totals.no_show],
  ];
  const f = d.followUps;
  const followUpRows: [string, number][] = f
    ? [
        ['Due', f.due],
        ['Booked', f.booked],
        ['Not needed', f.notNeeded],
        ['Overdue', f.overdue],
      ]
    : [];
  const body = markup`<h1>Monthly activity report</h1>
<p><strong>${d.doctorName}</strong> · ${d.department} · ${d.periodLabel}</p>
<p class="muted">${clinicName}</p>
<h2>Appointments</h2>
<table>
<tr><th>Status</th><th>Count</th></tr>
${statusRows.map(([label, n]) => markup`<tr><td>${label}</td><td>${n}</td></tr>\n`)}<tr><th>Total</th><th>${d.totalAppointments}</th></tr>
</table>
<p>No-show rate: <strong>${formatRate(d.noShowRate)}</strong> (no-shows among appointments that were not cancelled)</p>
<p>Treatments recorded: <strong>${d.treatmentsRecorded}</strong></p>
${
  f
    ? markup`<h2>Follow-ups due this month</h2>
<table>
<tr><th>Follow-ups</th><th>Count</th></tr>
${followUpRows.map(([label, n]) => markup`<tr><td>${label}</td><td>${n}</td></tr>\n`)}</table>
<p class="muted">Next visits you asked for that fell due in ${d.periodLabel}, as they stood on ${f.asOf}; overdue ones are still open.</p>
`
    : ''
}<h2>Most frequent diagnoses</h2>
${
  d.topDiagnoses.length === 0
    ? markup`<p>None recorded.</p>`
    : markup`<ol>
${d.topDiagnoses.map((t) => markup`<li>${t.diagnosis} (${t.count})</li>\n`)}</ol>`
}
<h2>Completed visits</h2>
${
  d.completedVisits.length === 0
    ? markup`<p>No completed visits.</p>`
    : markup`<table>
<tr><th>Date</th><th>Time</th><th>Patient</th><th>Diagnosis</th><th>Treatment</th></tr>
${d.completedVisits.map(
  (v) =>
    markup`<tr><td>${v.date}</td><td>${v.time}</td><td>${v.patient}</td><td>${v.diagnosis}</td><td>${v.treatment}</td></tr>\n`,
)}</table>`
}`;
  const text = [
    `Monthly activity report – ${d.periodLabel}`,
    `${d.doctorName}, ${d.department}`,
    clinicName,
    '',
    'Appointments',
    ...statusRows.map(([label, n]) => `  ${label.padEnd(10)} ${n}`),
    `  ${'Total'.padEnd(10)} ${d.totalAppointments}`,
    '',
    `No-show rate: ${formatRate(d.noShowRate)} (no-shows among appointments that were not cancelled)`,
    `Treatments recorded: ${d.treatmentsRecorded}`,
    '',
    ...(f
      ? [
          `Follow-ups due this month (as of ${f.asOf})`,
          ...followUpRows.map(([label, n]) => `  ${label.padEnd(10)} ${n}`),
          '',
        ]
      : []),
    'Most frequent diagnoses',
    ...(d.topDiagnoses.length === 0
      ? ['  None recorded.']
      : d.topDiagnoses.map((t, i) => `  ${i + 1}. ${t.diagnosis} (${t.count})`)),
    '',
    'Completed visits',
    ...(d.completedVisits.length === 0
      ? ['  No completed visits.']
      : d.completedVisits.map((v) =>
          `  ${v.date} ${v.time}  ${v.patient}  |  ${v.diagnosis}  |  ${v.treatment}`.replace(/\r?\n/g, ' '),
        )),
    '',
  ].join('\n');
  return { subject, html: emailDocument(subject, body), text };
}
