import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Certificate {
  key: Buffer;
  cert: Buffer;
}

/**
 * A throwaway self-signed certificate for the fixture server, made at test time so no
 * key is ever committed. The browsers are told to ignore certificate errors anyway;
 * the subjectAltNames only keep the logs readable.
 */
export function makeCertificate(hosts: readonly string[]): Certificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'liqguard-cert-'));
  try {
    const san = ['IP:127.0.0.1', ...hosts.map((h) => `DNS:${h}`)].join(',');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=liqguard-fixtures',
        '-addext', `subjectAltName=${san}`, '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } catch (error) {
    throw new Error(`Could not make a test certificate with openssl (apt-get install openssl): ${String(error)}`, { cause: error });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
