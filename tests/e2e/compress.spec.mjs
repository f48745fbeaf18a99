// The build's precompressed files, served as they are with the right headers.
import { test, expect } from '@playwright/test';
import { get } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const port = Number(process.env.QUIZ_PORT ?? 4173);
/** A GET with exactly this Accept-Encoding, returning the bytes as sent. */
const fetchRaw = (path, acceptEncoding) => new Promise((resolve, reject) => {
  get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
  }).on('error', reject);
});

const wasm = readdirSync('dist').find((f) => f.endsWith('_bg.wasm'));

for (const [path, file] of [['/', 'index.html'], [`/${wasm}`, wasm], ['/banks/microneedling.json', 'banks/microneedling.json']]) {
  test(`${file} is served precompressed: brotli when accepted, else gzip, else as is`, async () => {
    const original = readFileSync(`dist/${file}`);
    const br = await fetchRaw(path, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.body).toEqual(readFileSync(`dist/${file}.br`));
    expect(brotliDecompressSync(br.body)).toEqual(original);
    const gz = await fetchRaw(path, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body).toEqual(readFileSync(`dist/${file}.gz`));
    expect(gunzipSync(gz.body)).toEqual(original);
    const plain = await fetchRaw(path, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(original);
    // The content type and the page's CSP are those of the original file.
    expect(br.headers['content-type']).toBe(plain.headers['content-type']);
    expect(br.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);
  });
}
