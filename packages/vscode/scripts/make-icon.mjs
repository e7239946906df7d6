// Draws images/icon.png (128×128): a funnel of three stages on a rounded blue square,
// antialiased by 4×4 supersampling. Run once; the PNG is committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const S = 128, SS = 4;
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const bars = [[24, 104, 30], [36, 92, 56], [48, 80, 82]]; // x0, x1, y top; height 18
function colour(x, y) {
    if (!inRoundRect(x, y, 4, 4, 124, 124, 22)) return null;
    for (const [i, [x0, x1, y0]] of bars.entries()) {
        if (inRoundRect(x, y, x0, y0, x1, y0 + 18, 6)) return i === 2 ? [255, 196, 61] : [255, 255, 255];
    }
    if (x >= 60 && x <= 68 && y >= 100 && y <= 112) return [255, 196, 61];
    const t = y / S; return [Math.round(20 + 20 * t), Math.round(90 + 30 * t), Math.round(190 - 30 * t)];
}
const raw = Buffer.alloc((S * 4 + 1) * S);
for (let y = 0; y < S; y++) {
    raw[y * (S * 4 + 1)] = 0;
    for (let x = 0; x < S; x++) {
        let r = 0, g = 0, b = 0, a = 0;
        for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
            const c = colour(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
            if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
        }
        const o = y * (S * 4 + 1) + 1 + x * 4;
        raw[o] = a ? r / a : 0; raw[o + 1] = a ? g / a : 0; raw[o + 2] = a ? b / a : 0; raw[o + 3] = Math.round(255 * a / (SS * SS));
    }
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = buf => { let c = 0xffffffff; for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(S, 0); ihdr.writeUInt32BE(S, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync(new URL('../images/icon.png', import.meta.url), Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
