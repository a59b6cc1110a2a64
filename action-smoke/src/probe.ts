import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, Socket } from 'node:net';
import { type PeerCertificate, type TLSSocket, connect as tlsConnect } from 'node:tls';

/** Why a probe got no answer, in the words the report uses. */
export type ProbeFailure = 'refused' | 'timeout' | 'dns' | 'unreachable' | 'reset' | 'tls' | 'other';

export class ProbeError extends Error {
  override name = 'ProbeError';
  constructor(
    message: string,
    readonly failure: ProbeFailure,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface TlsInfo {
  subject: string;
  issuer: string;
  validTo: string;
  daysLeft: number;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as text, at most 256 KiB of it. */
  body: string;
  latencyMs: number;
  tls?: TlsInfo;
}

const BODY_LIMIT = 256 * 1024;

/** A probe failure from a socket error, with words a person can act on. */
export function describeSocketError(error: NodeJS.ErrnoException): ProbeError {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return new ProbeError('connection refused', 'refused', code);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return new ProbeError(`host name not found (${code})`, 'dns', code);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new ProbeError(`network unreachable (${code})`, 'unreachable', code);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new ProbeError('connection reset', 'reset', code);
  if (/CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|HOSTNAME/i.test(code))
    return new ProbeError(`TLS certificate not trusted: ${error.message}`, 'tls', code);
  return new ProbeError(error.message || code, 'other', code);
}

/** Days from now until a certificate's `valid_to`, rounded down. */
export function daysLeft(validTo: string, now = Date.now()): number {
  return Math.floor((Date.parse(validTo) - now) / 86_400_000);
}

function tlsInfo(cert: PeerCertificate | undefined): TlsInfo | undefined {
  if (!cert?.valid_to) return undefined;
  const name = (part: PeerCertificate['subject'] | undefined) => (part ? String(part.CN ?? part.O ?? '') : '');
  return { subject: name(cert.subject), issuer: name(cert.issuer), validTo: cert.valid_to, daysLeft: daysLeft(cert.valid_to) };
}

/**
 * One HTTP(S) request with a time limit from connect to the last byte. HTTPS
 * sends SNI and verifies the chain and the host name; the leaf certificate's
 * expiry comes back with the answer.
 */
export function httpProbe(
  url: URL,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<HttpAnswer> {
  const started = performance.now();
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(url, {
      method: options.method ?? 'GET',
      headers: { 'user-agent': 'shipgate-smoke', accept: '*/*', ...options.headers },
      agent: false,
      ...(secure ? { servername: isIP(url.hostname.replace(/^\[|\]$/g, '')) ? undefined : url.hostname, rejectUnauthorized: true } : {}),
    });
    const timer = setTimeout(() => req.destroy(new ProbeError(`no answer within ${options.timeoutMs} ms`, 'timeout')), options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error instanceof ProbeError ? error : describeSocketError(error));
    });
    req.on('response', (res) => {
      const tls = secure ? tlsInfo((res.socket as TLSSocket).getPeerCertificate?.()) : undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < BODY_LIMIT) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8').slice(0, BODY_LIMIT),
          latencyMs: performance.now() - started,
          tls,
        });
      });
      res.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(describeSocketError(error));
      });
    });
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * The certificate a TLS server presents, without trusting it: used only to
 * explain a failed verification (Traefik's default certificate, say).
 */
export function peekCertificate(
  host: string,
  port: number,
  servername: string | undefined,
  timeoutMs: number,
): Promise<TlsInfo | undefined> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host, port, servername, rejectUnauthorized: false }, () => {
      const info = tlsInfo(socket.getPeerCertificate());
      socket.destroy();
      resolve(info);
    });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.on('error', () => resolve(undefined));
  });
}

export interface TcpAnswer {
  /** What the server sent, up to the first newline or 4 KiB. */
  data: Buffer;
  latencyMs: number;
}

/**
 * Opens a TCP connection, optionally sends bytes, and reads the first answer
 * (up to a newline, `enough` bytes, or the time limit). A server that says
 * nothing yields an empty answer, not an error: "connects, no answer" is an
 * observation of its own.
 */
export function tcpProbe(host: string, port: number, options: { send?: Buffer; timeoutMs: number; enough?: number }): Promise<TcpAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const chunks: Buffer[] = [];
    let connected = false;
    const finish = () => {
      socket.destroy();
      resolve({ data: Buffer.concat(chunks), latencyMs: performance.now() - started });
    };
    socket.setTimeout(options.timeoutMs, () => {
      if (connected) finish();
      else {
        socket.destroy();
        reject(new ProbeError(`no answer within ${options.timeoutMs} ms`, 'timeout'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (connected && chunks.length > 0) finish();
      else reject(describeSocketError(error));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const data = Buffer.concat(chunks);
      if (data.includes(0x0a) || data.length >= (options.enough ?? 4096)) finish();
    });
    socket.on('end', finish);
    socket.connect(port, host, () => {
      connected = true;
      if (options.send) socket.write(options.send);
    });
  });
}

/** Whether anything accepts connections on a port: `refused`, `silent` (no answer to the connect) or `open`. */
export function portState(host: string, port: number, timeoutMs: number): Promise<'refused' | 'silent' | 'open'> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve('silent');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      const failure = describeSocketError(error);
      if (failure.failure === 'refused') resolve('refused');
      else reject(failure);
    });
    socket.connect(port, host, () => {
      socket.destroy();
      resolve('open');
    });
  });
}
