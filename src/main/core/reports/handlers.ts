import type { reportChannels } from '../../../shared/channels/reports';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MonthlyReportData, ReportSummary } from '../../../shared/dto/jobs';
import { UserError } from '../errors';
import { requireSession, type CallContext, type DomainHandlers } from '../handler';

interface ReportRow {
  id: number;
  doctor_id: number;
  doctor_name: string;
  month: string;
  html: string;
  data: string;
  created_at: number;
}

const toSummary = (row: ReportRow): ReportSummary => ({
  id: row.id,
  doctorId: row.doctor_id,
  doctorName: row.doctor_name,
  month: row.month,
  createdAt: new Date(row.created_at).toISOString(),
});

const SELECT = `SELECT r.id, r.doctor_id, d.full_name AS doctor_name, r.month, r.html, r.data, r.created_at
  FROM monthly_reports r JOIN doctors d ON d.id = r.doctor_id`;

export const reportHandlers: DomainHandlers<typeof reportChannels> = ({ sqlite, background }) => {
  const list = sqlite.prepare<{ doctor: number | null }, ReportRow>(
    `${SELECT} WHERE (@doctor IS NULL OR r.doctor_id = @doctor) ORDER BY r.month DESC, d.full_name, r.id`,
  );
  const one = sqlite.prepare<[number], ReportRow>(`${SELECT} WHERE r.id = ?`);

  /** A doctor sees only their own reports; a report of someone else is "not found" to them. */
  const visible = (id: number, ctx: CallContext): ReportRow => {
    const session = requireSession(ctx);
    const row = one.get(id);
    if (!row || (session.role === 'doctor' && row.doctor_id !== session.doctorId)) {
      throw new UserError('not_found', 'That report does not exist or is not yours.');
    }
    return row;
  };

  return {
    'reports/listMine': (input, ctx) => {
      const session = requireSession(ctx);
      const doctor = session.role === 'doctor' ? session.doctorId : (input.doctorId ?? null);
      return list.all({ doctor }).map(toSummary);
    },
    'reports/get': (input, ctx) => {
      const row = visible(input.id, ctx);
      return {
        ...toSummary(row),
        data: JSON.parse(row.data) as MonthlyReportData,
        html: row.html,
        pdfAvailable: background.desktop !== undefined,
      };
    },
    'reports/savePdf': async (input, ctx) => {
      const row = visible(input.id, ctx);
      if (!background.desktop) {
        throw new UserError(
          'conflict',
          'Saving as PDF needs the desktop app; use Print and choose "Save as PDF".',
        );
      }
      const pdf = await background.desktop.htmlToPdf(row.html);
      const folder = join(background.dataDir, 'reports');
      mkdirSync(folder, { recursive: true });
      const path = join(folder, `report-${row.month}-doctor-${row.doctor_id}.pdf`);
      writeFileSync(path, pdf);
      background.desktop.showItemInFolder(path);
      return { path };
    },
  };
};
