import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore, secureStorageProblem } from '../../../electron/main/credentials-store.ts';
import {
  ProviderCredentials,
  splitConfigure,
} from '../../../electron/main/provider-credentials.ts';
import { scrubSecrets } from '../../../electron/main/secret-scrub.ts';
import { FakeSafeStorage } from './support/stand-ins.ts';

let dir: string;
let file: string;
let safeStorage: FakeSafeStorage;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkdesk-credentials-'));
  file = path.join(dir, 'credentials.json');
  safeStorage = new FakeSafeStorage();
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const store = (platform: NodeJS.Platform = 'linux') =>
  new CredentialStore({ file, safeStorage, platform, now: () => 42 });

describe('secure storage availability', () => {
  it('refuses the Linux basic_text fallback with an explanation', () => {
    safeStorage.backend = 'basic_text';
    expect(secureStorageProblem(safeStorage, 'linux')).toMatch(/no system keyring/);
  });

  it('refuses when encryption is unavailable, naming the OS store', () => {
    safeStorage.available = false;
    expect(secureStorageProblem(safeStorage, 'win32')).toMatch(/DPAPI/);
    expect(secureStorageProblem(safeStorage, 'darwin')).toMatch(/Keychain/);
  });

  it('accepts a real keyring, and never asks for the Linux backend elsewhere', () => {
    expect(secureStorageProblem(safeStorage, 'linux')).toBeNull();
    safeStorage.getSelectedStorageBackend = () => {
      throw new Error('Linux only');
    };
    expect(secureStorageProblem(safeStorage, 'win32')).toBeNull();
  });
});

describe('credential store', () => {
  it('writes only encrypted blobs (mode 600) and decrypts them for the engine', () => {
    store().update('anycheck', {
      baseUrl: 'https://api.anycheck.ai',
      options: { region: 'id' },
      setSecrets: { apiKey: 'key-1234567890' },
    });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('key-1234567890');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const fresh = store();
    expect(fresh.load()).toEqual({
      providers: [
        {
          name: 'anycheck',
          baseUrl: 'https://api.anycheck.ai',
          options: { region: 'id' },
          enabled: true,
          credentials: { apiKey: 'key-1234567890' },
        },
      ],
      warnings: [],
    });
    expect(fresh.knownSecrets()).toEqual(['key-1234567890']);
  });

  it('refuses to store a secret where storage is unsafe, leaving no file behind', () => {
    safeStorage.backend = 'basic_text';
    expect(() => store().update('anycheck', { setSecrets: { apiKey: 'key-1234567890' } })).toThrow(
      /keyring/,
    );
    expect(fs.existsSync(file)).toBe(false);
    expect(safeStorage.encrypted).toEqual([]);
  });

  it('treats a blob that no longer decrypts as "enter the key again", not as a crash', () => {
    store().update('colleckt', {
      baseUrl: 'https://acme.colleckt.io/api/v1/kyc',
      setSecrets: { apiKey: 'key-abcdefghijk' },
    });
    safeStorage.failDecrypt = true;
    const { providers, warnings } = store().load();
    expect(providers[0]?.credentials).toEqual({});
    expect(warnings).toEqual([expect.stringMatching(/apiKey for colleckt could not be decrypted/)]);
  });

  it('reports a damaged file and keeps it aside when saving again', () => {
    fs.writeFileSync(file, '{ not json');
    expect(store().load().warnings).toEqual([expect.stringMatching(/damaged/)]);
    store().update('anycheck', { baseUrl: 'https://api.anycheck.ai' });
    expect(fs.readdirSync(dir).filter((name) => name.includes('.damaged-'))).toHaveLength(1);
    expect(store().load().warnings).toEqual([]);
  });

  it('forgets a key when providers.configure sends apiKey null', () => {
    store().update('anycheck', {
      baseUrl: 'https://api.anycheck.ai',
      setSecrets: { apiKey: 'key-1234567890' },
    });
    store().update('anycheck', splitConfigure({ name: 'anycheck', apiKey: null }).change);
    expect(store().load().providers[0]?.credentials).toEqual({});
  });
});

describe('provider configs for the engine', () => {
  it('passes enabled providers with an address; warns about a key without one', () => {
    const s = store();
    s.update('anycheck', {
      baseUrl: 'https://api.anycheck.ai',
      setSecrets: { apiKey: 'key-1234567890' },
    });
    s.update('frankieone', {
      baseUrl: 'https://api.frankie.one',
      enabled: false,
      setSecrets: { apiKey: 'key-zzzzzzzzzz' },
    });
    s.update('aiprise', { setSecrets: { apiKey: 'key-yyyyyyyyyy' } });
    const { configs, warnings } = new ProviderCredentials(store()).providerConfigs();
    expect(configs).toEqual([
      {
        name: 'anycheck',
        baseUrl: 'https://api.anycheck.ai',
        credentials: { apiKey: 'key-1234567890' },
        options: {},
        sandbox: false,
      },
    ]);
    expect(warnings).toEqual([expect.stringMatching(/aiprise.*no server address/)]);
  });

  it('splits secret-looking options off the stored settings', () => {
    const { change, storesSecrets } = splitConfigure({
      name: 'advanceai',
      options: { accessKey: 'AK-123456', secretKey: 'SK-abcdef', region: 'sg' },
    });
    expect(storesSecrets).toBe(true);
    expect(change.options).toEqual({ region: 'sg' });
    expect(change.setSecrets).toEqual({ accessKey: 'AK-123456', secretKey: 'SK-abcdef' });
  });
});

describe('credential fields from providers.configure', () => {
  it('stores every credentials value encrypted, and gives them back to the engine', () => {
    const args = {
      name: 'advanceai' as const,
      baseUrl: 'https://api.advance.ai',
      credentials: { accessKey: 'AK-1234567890', secretKey: 'SK-abcdefghij' },
    };
    const { change, storesSecrets } = splitConfigure(args);
    expect(storesSecrets).toBe(true);
    expect(change).toEqual({
      baseUrl: 'https://api.advance.ai',
      setSecrets: { accessKey: 'AK-1234567890', secretKey: 'SK-abcdefghij' },
      removeSecrets: [],
    });

    const credentials = new ProviderCredentials(store());
    expect(credentials.persist(args)).toBeNull();
    const onDisk = fs.readFileSync(file, 'utf8');
    expect(onDisk).not.toContain('AK-1234567890');
    expect(onDisk).not.toContain('SK-abcdefghij');
    expect(safeStorage.encrypted.sort()).toEqual(['AK-1234567890', 'SK-abcdefghij']);
    expect(new ProviderCredentials(store()).providerConfigs().configs).toEqual([
      {
        name: 'advanceai',
        baseUrl: 'https://api.advance.ai',
        credentials: { accessKey: 'AK-1234567890', secretKey: 'SK-abcdefghij' },
        options: {},
        sandbox: false,
      },
    ]);
  });

  it('removes a credential sent as null or as an empty string, and keeps the others', () => {
    const credentials = new ProviderCredentials(store());
    credentials.persist({
      name: 'frankieone',
      baseUrl: 'https://api.frankie.one',
      apiKey: 'fk-1234567890',
      credentials: { customerId: 'cust-1', customerChildId: 'child-1' },
    });
    expect(
      splitConfigure({ name: 'frankieone', credentials: { customerId: null, customerChildId: '' } })
        .change,
    ).toEqual({
      setSecrets: {},
      removeSecrets: ['customerId', 'customerChildId'],
    });
    expect(
      credentials.persist({
        name: 'frankieone',
        credentials: { customerId: null, customerChildId: '' },
      }),
    ).toBeNull();
    expect(store().load().providers[0]?.credentials).toEqual({ apiKey: 'fk-1234567890' });
  });

  it('stores the API key under the provider’s primary credential, as the engine applies it', () => {
    expect(
      splitConfigure({ name: 'colleckt', apiKey: 'tok-1234567890' }).change.setSecrets,
    ).toEqual({ token: 'tok-1234567890' });
    expect(
      splitConfigure({ name: 'advanceai', apiKey: 'AK-1234567890' }).change.setSecrets,
    ).toEqual({ accessKey: 'AK-1234567890' });
    // Forgetting it also forgets a key saved under the generic name by earlier versions.
    store().update('colleckt', {
      baseUrl: 'https://acme.colleckt.io/api/v1/kyc',
      setSecrets: { apiKey: 'old-key-1234567' },
    });
    store().update('colleckt', splitConfigure({ name: 'colleckt', apiKey: null }).change);
    expect(store().load().providers[0]?.credentials).toEqual({});
  });

  it('masks stored secrets on the way to the window, but not identifiers such as the customer id', () => {
    const credentials = new ProviderCredentials(store());
    credentials.persist({
      name: 'frankieone',
      baseUrl: 'https://api.frankie.one',
      credentials: { apiKey: 'fk-1234567890', customerId: 'cust-000123' },
    });
    expect(credentials.knownSecrets()).toEqual(['fk-1234567890']);
    const fresh = new ProviderCredentials(store());
    fresh.providerConfigs();
    expect(fresh.knownSecrets()).toEqual(['fk-1234567890']);
  });
});

describe('secret scrubbing', () => {
  it('masks every occurrence of a known secret, in values and keys, at any depth', () => {
    const secret = 'sk_live_abcdefghijklmnop';
    const scrubbed = scrubSecrets({ a: [`key=${secret}`, { [secret]: secret }], n: 1, ok: true }, [
      secret,
    ]);
    expect(JSON.stringify(scrubbed)).not.toContain(secret);
    expect(scrubbed).toEqual({ a: ['key=sk_…mnop', { 'sk_…mnop': 'sk_…mnop' }], n: 1, ok: true });
  });

  it('leaves values alone when there is nothing to hide', () => {
    const value = { a: 'x' };
    expect(scrubSecrets(value, [])).toBe(value);
  });
});
