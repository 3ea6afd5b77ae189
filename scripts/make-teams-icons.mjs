#!/usr/bin/env node
// Writes teams/color.png (192x192) and teams/outline.png (32x32) with nothing but node:zlib, so
// the icons can be regenerated on any checkout. The glyph is a "K" whose upper arm ends in an
// arrowhead: Kurs means "heading", the direction a ship steers.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ACCENT = [0x0f, 0x5c, 0x5c]; // keep in sync with accentColor in teams/manifest.json

/** A thick line from a to b as a convex quad, so every shape is one point-in-convex-polygon test. */
function stroke([ax, ay], [bx, by], width) {
  const len = Math.hypot(bx - ax, by - ay);
  const nx = (-(by - ay) / len) * (width / 2);
  const ny = ((bx - ax) / len) * (width / 2);
  return [
    [ax + nx, ay + ny],
    [bx + nx, by + ny],
    [bx - nx, by - ny],
    [ax - nx, ay - ny],
  ];
}

// Unit-square coordinates, y down.
const GLYPH = [
  // stem
  [
    [0.1, 0],
    [0.3, 0],
    [0.3, 1],
    [0.1, 1],
  ],
  // upper arm, ending below the arrowhead
  stroke([0.22, 0.66], [0.66, 0.26], 0.19),
  // arrowhead pointing up and right
  [
    [0.96, 0.02],
    [0.84, 0.48],
    [0.48, 0.14],
  ],
  // lower leg
  stroke([0.36, 0.5], [0.9, 1.04], 0.19),
];

function insideConvex(poly, x, y) {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const [x1, y1] = poly[i];
    const [x2, y2] = poly[(i + 1) % poly.length];
    const cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
    if (cross !== 0) {
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
  }
  return true;
}

/** Glyph coverage of pixel (px, py), 4x4 supersampled so edges are anti-aliased. */
function coverage(px, py, size, inset) {
  const span = size - 2 * inset;
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = (px + (sx + 0.5) / 4 - inset) / span;
      const y = (py + (sy + 0.5) / 4 - inset) / span;
      if (x < 0 || x > 1 || y < 0 || y > 1) continue;
      if (GLYPH.some((poly) => insideConvex(poly, x, y))) hits++;
    }
  }
  return hits / 16;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA, 8 bits per channel, filter 0 on every row: the simplest PNG every decoder reads. */
function png(size, pixel) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// Teams shows the colour icon on its own background; the symbol keeps to the middle 96x96.
const color = png(192, (x, y) => {
  const c = coverage(x, y, 192, 48);
  return [...ACCENT.map((v) => Math.round(v + (255 - v) * c)), 255];
});
// Teams requires the outline icon to be white on transparent, with alpha for the anti-aliasing.
const outline = png(32, (x, y) => [255, 255, 255, Math.round(coverage(x, y, 32, 2) * 255)]);

mkdirSync(join(root, "teams"), { recursive: true });
writeFileSync(join(root, "teams", "color.png"), color);
writeFileSync(join(root, "teams", "outline.png"), outline);
console.log(`kurs: wrote teams/color.png (${color.length} bytes) and teams/outline.png (${outline.length} bytes)`);
