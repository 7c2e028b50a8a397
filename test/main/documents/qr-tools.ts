import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** zbarimg (Debian's zbar-tools, which CI installs) when it is there, else jsQR on the same PNG. */
export const HAS_ZBAR = !spawnSync('zbarimg', ['--version']).error;

/** The page rasterised at 300 dpi, as a phone would see it printed. */
function rasterise(pdf: Buffer, page = 1): string {
  const dir = mkdtempSync(join(tmpdir(), 'encours-qr-'));
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  const res = spawnSync('pdftoppm', ['-r', '300', '-png', '-f', String(page), '-l', String(page), '-singlefile', join(dir, 'doc.pdf'), join(dir, 'page')]);
  if (res.status !== 0) throw new Error(`pdftoppm : ${String(res.stderr)}`);
  return join(dir, 'page.png');
}

function decodeWithZbar(png: string): string[] {
  // The bytes as they are (-Sbinary): without it zbar guesses the character set of a code that carries no ECI
  // and reads UTF-8 as Shift JIS; a banking app reads line 3 of the payload (1 = UTF-8), as this does.
  const res = spawnSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', '-Sqrcode.binary', png]);
  // zbarimg exits 4 when it found no code.
  if (res.status === 4) return [];
  if (res.status !== 0) throw new Error(`zbarimg : ${String(res.stderr)}`);
  // Each code is followed by a line break; a payload holds line breaks of its own.
  return [res.stdout.toString('utf8').replace(/\n$/, '')];
}

function decodeWithJsQr(png: string): string[] {
  const image = PNG.sync.read(readFileSync(png));
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  return code ? [code.data] : [];
}

/** The QR codes of a PDF's page, read back from its pixels. */
export function qrCodes(pdf: Buffer, page = 1, decoder: 'zbar' | 'jsqr' = HAS_ZBAR ? 'zbar' : 'jsqr'): string[] {
  const png = rasterise(pdf, page);
  return decoder === 'zbar' ? decodeWithZbar(png) : decodeWithJsQr(png);
}

