// Shared by the shell tests: the local provincial endpoint on a free port, its fault
// switches, and Node stand-ins for wx.request / my.request built on node:http.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../www/server.mjs';
import { sampleData, TEST_SMS_CODE } from '../../www/server/sample-data.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export { TEST_SMS_CODE };

/** The two sample holders' logins. */
export function sampleLogins() {
  const [dingxi, lanzhou] = sampleData().holders;
  const login = (h) => ({ certno: h.person.baseinfo.certno, phone: h.person.phone, smsCode: TEST_SMS_CODE });
  return { dingxi: login(dingxi), lanzhou: login(lanzhou) };
}

/** 代办: the 定西 holder's daughter, who logs in with her own ID number and phone to help him. */
export function helperLogin() {
  const daughter = sampleData().holders[2];
  return { certno: daughter.person.baseinfo.certno, phone: daughter.person.phone, smsCode: TEST_SMS_CODE, psnNo: daughter.person.baseinfo.psn_no, name: daughter.person.baseinfo.psn_name };
}

export async function startTestServer(options = {}) {
  const { server, origin } = await startServer({ port: 0, faults: true, ...options });
  return {
    server,
    origin,
    async faults(body) {
      const response = await fetch(`${origin}/__faults`, { method: 'POST', body: JSON.stringify(body) });
      return response.json();
    },
    async readFaults() {
      return (await fetch(`${origin}/__faults`)).json();
    },
    async reset() {
      await fetch(`${origin}/__reset`, { method: 'POST' });
    },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/** One HTTP exchange with node:http, for the fake platform request functions. */
function exchange({ url, method, headers, body, timeout }, done) {
  const request = http.request(url, { method, headers }, (response) => {
    const chunks = [];
    response.on('data', (c) => chunks.push(c));
    response.on('end', () => done(null, { status: response.statusCode, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
  });
  if (timeout) {
    request.setTimeout(timeout, () => {
      request.destroy();
      done({ timeout: true });
    });
  }
  request.on('error', (error) => { if (!request.destroyed || !error.message.includes('socket hang up')) done({ network: error }); });
  if (body !== undefined) request.write(body);
  request.end();
}

/** wx.request as WeChat documents it: HTTP errors reach success; fail has an errMsg. */
export function fakeWxRequest(calls = []) {
  return function request(options) {
    calls.push(options);
    let finished = false;
    exchange({ url: options.url, method: options.method ?? 'GET', headers: options.header, body: options.data, timeout: options.timeout }, (error, res) => {
      if (finished) return;
      finished = true;
      if (error) options.fail?.({ errMsg: error.timeout ? 'request:fail timeout' : 'request:fail net::ERR_CONNECTION_REFUSED' });
      else options.success?.({ statusCode: res.status, header: res.headers, data: options.dataType === 'json' ? JSON.parse(res.text) : res.text });
      options.complete?.();
    });
  };
}

/** my.request as Alipay documents it: HTTP errors go to fail with error 19 and the status. */
export function fakeMyRequest(calls = []) {
  return function request(options) {
    calls.push(options);
    let finished = false;
    exchange({ url: options.url, method: options.method ?? 'GET', headers: options.headers, body: options.data, timeout: options.timeout }, (error, res) => {
      if (finished) return;
      finished = true;
      if (error) options.fail?.({ error: error.timeout ? 13 : 12, errorMessage: error.timeout ? 'timeout' : 'network error' });
      else if (res.status >= 200 && res.status < 300) options.success?.({ status: res.status, headers: res.headers, data: res.text });
      else options.fail?.({ error: 19, errorMessage: 'http status error', status: res.status, data: res.text, headers: res.headers });
      options.complete?.();
    });
  };
}

/** A port nothing listens on (for the offline cases). */
export async function closedPort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
