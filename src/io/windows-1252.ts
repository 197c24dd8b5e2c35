/**
 * Windows-1252 decoding. Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1,
 * which turns the curly quotes, dashes and euro sign of Word-era transcripts (bytes
 * 0x80–0x9F) into invisible C1 controls; so qcode maps those 32 bytes itself, as the
 * WHATWG Encoding Standard's index-windows-1252 does (undefined bytes stay C1 controls).
 */
const HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** Decodes Windows-1252 bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, i + CHUNK);
    const codes = new Array<number>(part.length);
    for (let j = 0; j < part.length; j++) {
      const b = part[j]!;
      codes[j] = b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80]! : b;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}
