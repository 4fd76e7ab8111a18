/**
 * The one table of provider credential fields (shared/provider-credentials.ts): the CLI's
 * environment variable names derived from it are exactly the documented ones, and what counts as
 * missing follows each provider's sign-in rules.
 */
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_ENV, credentialsFromEnv } from '../../../electron/engine/profile.ts';
import {
  credentialChanges,
  credentialEnvName,
  missingCredentials,
  primaryCredential,
  unknownCredentialKeys,
} from '../../../shared/provider-credentials.ts';

describe('credential table', () => {
  it('derives the same environment variable names the CLI always read', () => {
    expect(CREDENTIAL_ENV).toEqual({
      anycheck: {
        apiKey: 'API_KEY',
        email: 'EMAIL',
        password: 'PASSWORD',
        webhookSecret: 'WEBHOOK_SECRET',
        webhookRelayToken: 'WEBHOOK_RELAY_TOKEN',
      },
      colleckt: { token: 'TOKEN', apiKey: 'API_KEY' },
      frankieone: {
        apiKey: 'API_KEY',
        customerId: 'CUSTOMER_ID',
        customerChildId: 'CUSTOMER_CHILD_ID',
      },
      advanceai: { accessKey: 'ACCESS_KEY', secretKey: 'SECRET_KEY' },
      aiprise: { apiKey: 'API_KEY' },
    });
    expect(credentialEnvName('anycheck', 'webhookRelayToken')).toBe(
      'CHECKDESK_ANYCHECK_WEBHOOK_RELAY_TOKEN',
    );
    const env = {
      CHECKDESK_FRANKIEONE_API_KEY: 'k',
      CHECKDESK_FRANKIEONE_CUSTOMER_ID: 'c',
      CHECKDESK_FRANKIEONE_CUSTOMER_CHILD_ID: 'cc',
      CHECKDESK_COLLECKT_API_KEY: 'tok',
      CHECKDESK_ADVANCEAI_ACCESS_KEY: 'a',
      CHECKDESK_ADVANCEAI_SECRET_KEY: 's',
    };
    expect(credentialsFromEnv('frankieone', env)).toEqual({
      apiKey: 'k',
      customerId: 'c',
      customerChildId: 'cc',
    });
    expect(credentialsFromEnv('colleckt', env)).toEqual({ apiKey: 'tok', token: 'tok' });
    expect(credentialsFromEnv('advanceai', env)).toEqual({ accessKey: 'a', secretKey: 's' });
  });

  it('keeps the primary credential of each provider', () => {
    expect(
      ['anycheck', 'colleckt', 'frankieone', 'advanceai', 'aiprise'].map((n) =>
        primaryCredential(n as never),
      ),
    ).toEqual(['apiKey', 'token', 'apiKey', 'accessKey', 'apiKey']);
  });

  it('names what is missing, with sign-in alternatives and aliases', () => {
    expect(missingCredentials('anycheck', { apiKey: 'k' })).toBeNull();
    expect(missingCredentials('anycheck', { email: 'a@b.c', password: 'p' })).toBeNull();
    expect(missingCredentials('anycheck', {})).toMatchObject({
      missing: ['apiKey'],
      text: 'anycheck cannot be used yet: it needs apiKey, or email and password',
    });
    expect(missingCredentials('anycheck', { email: 'a@b.c' })).toMatchObject({
      missing: ['password'],
      text: 'anycheck cannot be used yet: it needs password (or instead: apiKey, or email and password)',
    });
    expect(missingCredentials('colleckt', { apiKey: 'tok' })).toBeNull();
    expect(missingCredentials('frankieone', {})?.text).toBe(
      'frankieone cannot be used yet: it needs the credentials apiKey and customerId',
    );
  });

  it('splits one configure call into credential changes', () => {
    expect(
      credentialChanges('advanceai', {
        apiKey: 'AK',
        credentials: { secretKey: 'SK' },
        options: { region: 'sg', signature: '' },
      }),
    ).toEqual({
      set: { accessKey: 'AK', secretKey: 'SK' },
      remove: ['signature'],
      options: { region: 'sg' },
    });
    // Removing the API key removes the primary credential and what stands in for it.
    expect(credentialChanges('colleckt', { apiKey: null }).remove.sort()).toEqual([
      'apiKey',
      'token',
    ]);
    expect(
      credentialChanges('frankieone', { options: { customerId: 'c-1', channel: 'api' } }),
    ).toEqual({ set: { customerId: 'c-1' }, remove: [], options: { channel: 'api' } });
    expect(unknownCredentialKeys('aiprise', ['apiKey', 'token'])).toBe(
      'aiprise does not take the credential token; it takes apiKey',
    );
  });
});
