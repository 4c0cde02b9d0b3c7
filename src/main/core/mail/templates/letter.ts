import { markup, type SafeHtml } from './html';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Who writes to whom about which doctor: what every letter to a patient names. */
export interface PatientLetter {
  clinicName: string;
  clinicAddress: string;
  clinicPhone: string;
  patientName: string;
  doctorName: string;
  department: string;
}

/** The clinic's name with its address and phone under it, as a letter's HTML and text close. */
export function clinicSignature(d: PatientLetter): { html: SafeHtml; text: string[] } {
  const contact = [d.clinicAddress, d.clinicPhone ? `Phone ${d.clinicPhone}` : ''].filter(Boolean);
  return {
    html: markup`<p class="muted">${d.clinicName}${contact.map((line) => markup`<br>${line}`)}</p>`,
    text: [d.clinicName, ...contact],
  };
}

/** When, doctor and department of a visit (and where it was before a move), as HTML and text. */
export function visitDetails(
  when: string,
  d: PatientLetter,
  was?: string,
): { html: SafeHtml; text: string[] } {
  return {
    html: markup`<table>
<tr><th>When</th><td>${when}</td></tr>
<tr><th>Doctor</th><td>${d.doctorName}</td></tr>
<tr><th>Department</th><td>${d.department}</td></tr>
${
  was === undefined
    ? ''
    : markup`<tr><th>Was</th><td>${was}</td></tr>
`
}</table>`,
    text: [
      `When:       ${when}`,
      `Doctor:     ${d.doctorName}`,
      `Department: ${d.department}`,
      ...(was === undefined ? [] : [`Was:        ${was}`]),
    ],
  };
}
