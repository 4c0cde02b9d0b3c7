import { useMemo, useState, type FormEvent } from 'react';
import type { FieldIssue } from '../../../shared/result';
import { ApiError, errorMessage } from './apiError';
import { issuesByField, visibleErrors, type FieldErrors } from './formErrors';

type Values = Record<string, string>;

interface Options<V extends Values> {
  initial: V;
  /** Same rules as the server: pass the contract's zod schema through `schemaIssues`. */
  validate: (values: V) => FieldIssue[];
}

/** Value, change handler and error of one text field, to spread into a Mantine input. */
export interface TextFieldProps {
  value: string;
  onChange: (event: { currentTarget: { value: string } }) => void;
  error: string | undefined;
}

export interface ValidatedForm<V extends Values> {
  values: V;
  /** Client errors for touched fields, merged with the server's answer to the last submit. */
  errors: FieldErrors;
  /** Problems that belong to no single field (server '' path, or unknown fields). */
  formError: string | undefined;
  setValue: (field: keyof V & string, value: string) => void;
  setValues: (values: Partial<V>) => void;
  /** Shows a failed submit: field issues under their fields, anything else as the form error. */
  showServerError: (error: unknown) => void;
  /** True once any value differs from the initial one: closing the form would lose typing. */
  dirty: boolean;
  /** Value, change handler and error of one text field, to spread into a Mantine input. */
  field: (name: keyof V & string) => TextFieldProps;
  /** The same for a Mantine NumberInput or Select, whose change handler gets the value itself. */
  valueField: (name: keyof V & string) => {
    value: string;
    onChange: (value: string | number | null) => void;
    error: string | undefined;
  };
  /** Marks every field as shown, and calls `onValid` only when the client rules pass. */
  onSubmit: (onValid: (values: V) => void) => (event: FormEvent<HTMLFormElement>) => void;
}

export function useValidatedForm<V extends Values>({ initial, validate }: Options<V>): ValidatedForm<V> {
  const [values, setAll] = useState<V>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [fields] = useState(() => Object.keys(initial));
  const [start] = useState(initial);

  const clientErrors = useMemo(
    () => visibleErrors(issuesByField(validate(values), fields), touched, submitted),
    [validate, values, fields, touched, submitted],
  );

  const edit = (changes: Partial<V>): void => {
    setAll((previous) => ({ ...previous, ...changes }));
    setTouched((previous) => new Set([...previous, ...Object.keys(changes)]));
    // A server message is about the value that was sent; once the field changes it no longer applies.
    setServerErrors((previous) => {
      const next = { ...previous };
      for (const field of Object.keys(changes)) delete next[field];
      delete next[''];
      return next;
    });
  };

  const { '': formError, ...fieldErrors } = { ...serverErrors, ...clientErrors };

  const setValue = (field: keyof V & string, value: string): void => edit({ [field]: value } as Partial<V>);

  return {
    values,
    errors: fieldErrors,
    formError,
    setValue,
    setValues: edit,
    dirty: fields.some((name) => values[name] !== start[name]),
    field: (name) => ({
      value: values[name] ?? '',
      onChange: (event) => setValue(name, event.currentTarget.value),
      error: fieldErrors[name],
    }),
    valueField: (name) => ({
      value: values[name] ?? '',
      onChange: (value) => setValue(name, value === null ? '' : String(value)),
      error: fieldErrors[name],
    }),
    showServerError: (error) => {
      const byField = error instanceof ApiError ? issuesByField(error.issues, fields) : {};
      if (Object.keys(byField).length === 0) byField[''] = errorMessage(error);
      setServerErrors(byField);
    },
    onSubmit: (onValid) => (event) => {
      event.preventDefault();
      setSubmitted(true);
      setServerErrors({});
      if (validate(values).length === 0) onValid(values);
    },
  };
}
