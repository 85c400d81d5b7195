// `luot tls`: a centre's own certificate authority and the hub's server certificate, made with
// node-forge; keys are made by Node's own crypto (see README "TLS" for why this library).
import forge from 'node-forge';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

const DAY_MS = 86_400_000;
/** The CA outlives many server certificates: installing it on every PC is the costly step. */
const CA_DAYS = 3650;
/** 825 days: the longest any browser or OS accepts for a server certificate of a private CA. */
const SERVER_DAYS = 825;

/** The files `luot tls` writes under the data directory. */
export function tlsPaths(dataDir: string) {
  const dir = join(dataDir, 'tls');
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
  };
}

/** Host names and IP addresses a server certificate is for. */
export interface ServerNames {
  names: string[];
  ips: string[];
}

const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Checks the names and addresses; returns a message saying what is wrong, or null. */
export function checkServerNames({ names, ips }: ServerNames): string | null {
  if (names.length + ips.length === 0) return 'give at least one --name or --ip';
  for (const name of names) if (!HOST_NAME.test(name)) return `not a host name: ${name}`;
  for (const ip of ips) if (isIP(ip) === 0) return `not an IP address: ${ip}`;
  return null;
}

/** An RSA-2048 key pair made natively (forge's own JavaScript key generation takes seconds). */
function newKeys(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
} {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem };
}

function writeSecret(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function serial(): string {
  // Positive, 16 bytes: unique without a counter to keep.
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

function newCertificate(publicKey: forge.pki.PublicKey, now: Date, days: number) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  // A day back: a PC whose clock is a little behind still accepts it.
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  cert.validity.notAfter = new Date(now.getTime() + days * DAY_MS);
  return cert;
}

/** The CA of this data directory: loaded if made before, made (once) otherwise. */
function certificateAuthority(
  dataDir: string,
  now: Date,
  label: string,
): { cert: forge.pki.Certificate; key: forge.pki.PrivateKey; created: boolean } {
  const paths = tlsPaths(dataDir);
  if (existsSync(paths.caCert) && existsSync(paths.caKey)) {
    return {
      cert: forge.pki.certificateFromPem(readFileSync(paths.caCert, 'utf8')),
      key: forge.pki.privateKeyFromPem(readFileSync(paths.caKey, 'utf8')),
      created: false,
    };
  }
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const keys = newKeys();
  const cert = newCertificate(keys.publicKey, now, CA_DAYS);
  const name = [
    { name: 'commonName', value: label },
    { name: 'organizationName', value: 'Luot' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  // Key first: a crash between the two leaves no certificate without its key.
  writeSecret(paths.caKey, keys.pem);
  writeFileSync(paths.caCert, forge.pki.certificateToPem(cert));
  return { cert, key: keys.privateKey, created: true };
}

/**
 * Makes the CA if this data directory has none, then (re)issues the server certificate for the
 * given names and addresses, signed by that CA. The CA is never replaced: the PCs and TVs that
 * trust it keep trusting every server certificate issued later.
 */
export function issueTls(
  dataDir: string,
  names: ServerNames,
  now = new Date(),
  label = 'Luot local CA',
): { caCreated: boolean; paths: ReturnType<typeof tlsPaths>; notAfter: Date } {
  const problem = checkServerNames(names);
  if (problem) throw new Error(problem);
  const ca = certificateAuthority(dataDir, now, label);
  const paths = tlsPaths(dataDir);
  const keys = newKeys();
  const cert = newCertificate(keys.publicKey, now, SERVER_DAYS);
  cert.setSubject([{ name: 'commonName', value: names.names[0] ?? names.ips[0]! }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...names.names.map((value) => ({ type: 2, value })),
        ...names.ips.map((ip) => ({ type: 7, ip })),
      ],
    },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  cert.sign(ca.key as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  writeSecret(paths.serverKey, keys.pem);
  writeFileSync(paths.serverCert, forge.pki.certificateToPem(cert));
  return { caCreated: ca.created, paths, notAfter: cert.validity.notAfter };
}

/** What an installer does on each kind of machine so it trusts `ca.crt` (printed by `luot tls`). */
export function trustSteps(caCert: string, url: string): string[] {
  return [
    `Tin cậy chứng chỉ gốc ${caCert} trên các máy của trung tâm (làm một lần cho mỗi máy):`,
    '',
    '  Máy tính Windows (Chrome, Edge, kiosk Electron):',
    '    chép ca.crt sang máy, mở PowerShell với quyền Administrator:',
    '    Import-Certificate -FilePath ca.crt -CertStoreLocation Cert:\\LocalMachine\\Root',
    '    (hoặc nhấp đúp ca.crt → Install Certificate → Local Machine →',
    '     Trusted Root Certification Authorities)',
    '',
    '  Máy tính Linux (Debian/Ubuntu):',
    '    sudo cp ca.crt /usr/local/share/ca-certificates/luot-ca.crt && sudo update-ca-certificates',
    '    Chromium/Chrome trên Linux dùng kho NSS riêng của người dùng:',
    '    certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Luot CA" -i ca.crt',
    '    (gói libnss3-tools); Firefox: Settings → Certificates → Import.',
    '',
    '  TV / máy tính bảng Android:',
    '    chép ca.crt vào máy (USB hoặc tải về), Settings → Security → Encryption & credentials →',
    '    Install a certificate → CA certificate → chọn ca.crt.',
    '    Chrome trên Android tin các CA người dùng cài; một số ứng dụng WebView thì không.',
    '',
    '  Kiosk Chromium (chế độ kiosk trên Linux):',
    '    cài vào kho NSS của người dùng chạy kiosk như trên (certutil), rồi khởi động lại Chromium.',
    '',
    `Kiểm tra: mở ${url} trên máy đó; trình duyệt không còn cảnh báo chứng chỉ.`,
    'Khởi động hub với: --tls-cert DATA/tls/server.crt --tls-key DATA/tls/server.key',
    '(hoặc biến môi trường LUOT_TLS_CERT, LUOT_TLS_KEY).',
    'Đổi tên/địa chỉ máy hub: chạy lại `luot tls` với --name/--ip mới; các máy không cần cài lại ca.crt.',
  ];
}
