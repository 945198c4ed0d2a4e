import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

/** PEM material for mutual TLS between Berth (client) and the guest's dockerd (server). */
export interface VmCerts {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/** dockerd's certificate names this host; the client connects with it as servername. */
export const VM_SERVER_NAME = 'berth-vm';

const generate = promisify(generateKeyPair);

async function rsaKeys(): Promise<{ publicKey: forge.pki.PublicKey; privateKey: forge.pki.PrivateKey; pem: string }> {
  // Node generates the key natively (fast); node-forge only builds and signs the certificates.
  const { privateKey } = await generate('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem: privateKey };
}

function certificate(
  subjectCn: string,
  publicKey: forge.pki.PublicKey,
  issuer: forge.pki.Certificate | undefined,
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
  // Valid from a day ago: the guest's clock may lag right after a resume.
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: subjectCn }]);
  cert.setIssuer(issuer ? issuer.subject.attributes : [{ name: 'commonName', value: subjectCn }]);
  cert.setExtensions(extensions);
  return cert;
}

/** A fresh CA for one VM, a server certificate for its dockerd and a client certificate for Berth. */
export async function generateVmCerts(): Promise<VmCerts> {
  const [ca, server, client] = await Promise.all([rsaKeys(), rsaKeys(), rsaKeys()]);
  const caCert = certificate('Berth VM CA', ca.publicKey, undefined, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  caCert.sign(ca.privateKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  const serverCert = certificate(VM_SERVER_NAME, server.publicKey, caCert, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: VM_SERVER_NAME }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
  ]);
  serverCert.sign(ca.privateKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  const clientCert = certificate('berth', client.publicKey, caCert, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
  clientCert.sign(ca.privateKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem;
  return { caCert: pem(caCert), serverCert: pem(serverCert), serverKey: server.pem, clientCert: pem(clientCert), clientKey: client.pem };
}
