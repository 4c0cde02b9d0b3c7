import { candidateSlots, type DateException, type WeeklyHours } from '../appointments/slots';
import type { Sqlite } from '../db/open';
import { addDays, localDate } from '../time/zone';
import type { Random } from './random';

/** What each department's doctors diagnose and prescribe, for believable treatment records. */
const CLINICAL: Record<string, { diagnosis: string; notes: string; prescription: string }[]> = {
  'General Practice': [
    {
      diagnosis: 'Upper respiratory tract infection',
      notes: 'Rest and fluids; review if fever persists beyond 5 days.',
      prescription: 'Paracetamol 500 mg, 1–2 tablets every 6 hours as needed',
    },
    {
      diagnosis: 'Essential hypertension',
      notes: 'BP 148/92. Lifestyle advice given; home readings for two weeks.',
      prescription: 'Amlodipine 5 mg once daily',
    },
    {
      diagnosis: 'Type 2 diabetes, routine review',
      notes: 'HbA1c 52 mmol/mol. Diet reviewed; foot check normal.',
      prescription: 'Metformin 500 mg twice daily',
    },
    {
      diagnosis: 'Lower back pain',
      notes: 'No red flags. Advised to keep active; physiotherapy leaflet.',
      prescription: 'Ibuprofen 400 mg three times daily with food, 5 days',
    },
  ],
  Paediatrics: [
    {
      diagnosis: 'Acute otitis media',
      notes: 'Left ear bulging drum. Safety-net advice given to parent.',
      prescription: 'Amoxicillin 250 mg/5 ml, 5 ml three times daily, 5 days',
    },
    {
      diagnosis: 'Childhood asthma, review',
      notes: 'Inhaler technique checked; action plan updated.',
      prescription: 'Salbutamol 100 mcg inhaler via spacer as needed',
    },
    {
      diagnosis: 'Routine development check',
      notes: 'Growth on 50th centile; milestones appropriate.',
      prescription: '',
    },
  ],
  Cardiology: [
    {
      diagnosis: 'Atrial fibrillation, rate controlled',
      notes: 'ECG: AF at 78 bpm. Anticoagulation discussed.',
      prescription: 'Bisoprolol 2.5 mg once daily; apixaban 5 mg twice daily',
    },
    {
      diagnosis: 'Stable angina',
      notes: 'Exertional chest tightness; exercise test booked.',
      prescription: 'GTN spray 400 mcg as needed',
    },
    {
      diagnosis: 'Palpitations, benign',
      notes: 'Holter monitor normal. Reassured; reduce caffeine.',
      prescription: '',
    },
  ],
  Dermatology: [
    {
      diagnosis: 'Atopic eczema',
      notes: 'Flexural eczema, moderate. Emollient regime explained.',
      prescription: 'Hydrocortisone 1% cream twice daily, 7 days',
    },
    {
      diagnosis: 'Acne vulgaris',
      notes: 'Moderate papulopustular acne on face and back.',
      prescription: 'Adapalene 0.1% / benzoyl peroxide 2.5% gel at night',
    },
    {
      diagnosis: 'Seborrhoeic keratosis',
      notes: 'Benign appearance on dermoscopy; no treatment needed.',
      prescription: '',
    },
  ],
};

const REASONS = ['Check-up', 'Follow-up', 'New symptoms', 'Medication review', 'Test results', ''];
const CANCEL_REASONS = [
  'Patient called to cancel',
  'Patient unwell',
  'Clash with work',
  'Doctor unavailable',
];

export interface SeedDoctor {
  id: number;
  department: string;
  consultationMinutes: number;
  weekly: WeeklyHours[];
  exceptions: DateException[];
}

export interface VisitSeedOptions {
  now: number;
  timeZone: string;
  doctors: SeedDoctor[];
  /** Ids of patients that may be booked in the future (active ones). */
  activePatients: number[];
  /** Ids of every patient (past visits may belong to since-deactivated ones). */
  allPatients: number[];
  createdBy: number;
  recordedBy: Map<number, number>;
  pastDays: number;
  futureDays: number;
}

/**
 * Six months of past visits (most completed with a treatment, some cancelled or no-show), today's
 * list and the next two weeks booked, all in real slots of each doctor's hours. Deterministic: the
 * same random sequence and `now` give the same rows. A patient never holds two overlapping active
 * appointments, as the booking rules demand.
 */
export function seedVisits(
  sqlite: Sqlite,
  random: Random,
  options: VisitSeedOptions,
): { appointments: number; treatments: number } {
  const { now, timeZone } = options;
  const today = localDate(now, timeZone);
  const from = addDays(today, -options.pastDays);
  const days = options.pastDays + options.futureDays;
  const insertAppointment = sqlite.prepare(
    `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status, reason, cancel_reason, created_by,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTreatment = sqlite.prepare(
    `INSERT INTO treatments (appointment_id, diagnosis, treatment_notes, prescription, next_visit_date, recorded_by,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const patientBusy = new Map<number, { start: number; end: number }[]>();
  const isFree = (patientId: number, start: number, end: number) =>
    !(patientBusy.get(patientId) ?? []).some((b) => b.start < end && start < b.end);

  let appointments = 0;
  let treatments = 0;
  for (const doctor of options.doctors) {
    const slots = candidateSlots(
      {
        weekly: doctor.weekly,
        exceptions: doctor.exceptions,
        consultationMinutes: doctor.consultationMinutes,
        timeZone,
      },
      from,
      days,
    );
    for (const slot of slots) {
      if (slot.onLeave) continue;
      // Busy past, a full today, and a diary that thins out over the next two weeks.
      const fill =
        slot.date < today
          ? 0.55
          : slot.date === today
            ? 0.75
            : 0.6 - (0.35 * dayIndex(today, slot.date)) / options.futureDays;
      if (!random.chance(fill)) continue;
      const past = slot.endsAt <= now;
      const pool = past ? options.allPatients : options.activePatients;
      let patientId = random.pick(pool);
      for (let tries = 0; tries < 5 && !isFree(patientId, slot.startsAt, slot.endsAt); tries++)
        patientId = random.pick(pool);
      if (!isFree(patientId, slot.startsAt, slot.endsAt)) continue;

      let status: string;
      const roll = random.next();
      if (past) status = roll < 0.82 ? 'completed' : roll < 0.91 ? 'cancelled' : 'no_show';
      else if (slot.startsAt <= now) status = 'arrived';
      else status = roll < 0.06 ? 'cancelled' : 'booked';
      const bookedAt = Math.min(now, slot.startsAt - random.int(1, 21) * 86_400_000);
      const id = Number(
        insertAppointment.run(
          patientId,
          doctor.id,
          slot.startsAt,
          slot.endsAt,
          status,
          random.pick(REASONS),
          status === 'cancelled' ? random.pick(CANCEL_REASONS) : null,
          options.createdBy,
          bookedAt,
          past ? Math.min(now, slot.endsAt) : bookedAt,
        ).lastInsertRowid,
      );
      appointments++;
      if (status === 'booked' || status === 'arrived') {
        const list = patientBusy.get(patientId) ?? [];
        list.push({ start: slot.startsAt, end: slot.endsAt });
        patientBusy.set(patientId, list);
      }
      if (status === 'completed') {
        const record = random.pick(CLINICAL[doctor.department] ?? CLINICAL['General Practice'] ?? []);
        const next = random.chance(0.4) ? addDays(slot.date, random.pick([14, 28, 42, 90])) : null;
        insertTreatment.run(
          id,
          record.diagnosis,
          record.notes,
          record.prescription,
          next,
          options.recordedBy.get(doctor.id) ?? null,
          slot.endsAt,
          slot.endsAt,
        );
        treatments++;
      }
    }
  }
  return { appointments, treatments };
}

function dayIndex(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
