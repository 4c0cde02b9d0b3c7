import { describe, expect, it } from 'vitest';
import { loginInput } from '../../../src/shared/contract';
import { issuesByField, schemaIssues, visibleErrors } from '../../../src/renderer/src/lib/formErrors';
import { validateSetup } from '../../../src/renderer/src/features/auth/setupForm';

describe('issuesByField', () => {
  it('puts the first message of each field under that field', () => {
    const errors = issuesByField(
      [
        { path: 'username', message: 'That username is taken.' },
        { path: 'username', message: 'A second, less useful message.' },
        { path: 'password', message: 'Password must be at least 10 characters.' },
      ],
      ['username', 'password'],
    );
    expect(errors).toEqual({
      username: 'That username is taken.',
      password: 'Password must be at least 10 characters.',
    });
  });

  it('maps nested paths to their top-level field', () => {
    expect(issuesByField([{ path: 'address.city', message: 'Enter a city.' }], ['address'])).toEqual({
      address: 'Enter a city.',
    });
  });

  it('keeps whole-form and unknown-field issues visible as the form error', () => {
    expect(issuesByField([{ path: '', message: 'The clinic is already set up.' }], ['username'])).toEqual({
      '': 'The clinic is already set up.',
    });
    expect(issuesByField([{ path: 'role', message: 'Choose a role.' }], ['username'])).toEqual({
      '': 'Choose a role.',
    });
  });
});

describe('schemaIssues with the contract schemas', () => {
  it('reports the same sentences the server would', () => {
    expect(
      issuesByField(schemaIssues(loginInput, { username: '', password: '' }), ['username', 'password']),
    ).toEqual({
      username: 'Enter your username.',
      password: 'Enter your password.',
    });
    expect(schemaIssues(loginInput, { username: 'reception', password: 'secret' })).toEqual([]);
  });
});

describe('visibleErrors', () => {
  const errors = { username: 'Enter your username.', password: 'Enter your password.' };

  it('shows only touched fields while typing', () => {
    expect(visibleErrors(errors, new Set(['username']), false)).toEqual({ username: 'Enter your username.' });
  });

  it('shows every field after a submit', () => {
    expect(visibleErrors(errors, new Set(), true)).toEqual(errors);
  });
});

describe('validateSetup', () => {
  const valid = {
    fullName: 'Alex Morgan',
    username: 'alex',
    password: 'long enough password',
    confirmPassword: 'long enough password',
  };

  it('accepts a complete form', () => {
    expect(validateSetup(valid)).toEqual([]);
  });

  it('uses the contract rules and checks the confirmation', () => {
    const fields = Object.keys(valid);
    expect(
      issuesByField(validateSetup({ ...valid, username: 'a b', confirmPassword: 'different' }), fields),
    ).toEqual({
      username: 'Username may contain only letters, digits, dots, dashes and underscores.',
      confirmPassword: 'The two passwords do not match.',
    });
  });
});
