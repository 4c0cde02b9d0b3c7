import { z } from 'zod';
import { define } from './define';

export interface DepartmentSummary {
  id: number;
  name: string;
  description: string;
  active: boolean;
  /** Active doctors in the department. */
  doctorCount: number;
}

const id = z.number().int().positive();

export const departmentName = z
  .string()
  .trim()
  .min(1, 'Enter a department name.')
  .max(80, 'A department name must be at most 80 characters.');

export const departmentDescription = z
  .string()
  .trim()
  .max(500, 'A description must be at most 500 characters.')
  .default('');

export const departmentsListInput = z.strictObject({
  includeRetired: z.boolean().default(true),
});

export const departmentCreateInput = z.strictObject({
  name: departmentName,
  description: departmentDescription,
});

export const departmentUpdateInput = z.strictObject({
  id,
  name: departmentName,
  description: departmentDescription,
});

export const departmentSetActiveInput = z.strictObject({ id, active: z.boolean() });

export const departmentChannels = {
  'departments/list': define<DepartmentSummary[]>()({
    input: departmentsListInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'Departments with their number of active doctors, by name.',
    reads: ['departments', 'doctors'],
  }),
  'departments/create': define<DepartmentSummary>()({
    input: departmentCreateInput,
    access: ['admin'],
    summary: 'Add a department (names are unique, ignoring case).',
    changes: ['departments'],
  }),
  'departments/update': define<DepartmentSummary>()({
    input: departmentUpdateInput,
    access: ['admin'],
    summary: 'Rename a department or change its description.',
    changes: ['departments', 'doctors'],
  }),
  'departments/setActive': define<DepartmentSummary>()({
    input: departmentSetActiveInput,
    access: ['admin'],
    summary: 'Retire or reinstate a department; a retired department gets no new doctors.',
    changes: ['departments'],
  }),
} as const;
