import { isUtf8 } from 'node:buffer';
import { FeedError } from './feed-error.ts';

/** The encoding a feed's bytes were read with, and the text. */
export interface DecodedFeed {
  text: string;
  encoding: string;
}

/**
 * Turns a feed's bytes into text before the XML parser sees them, which only takes strings.
 * Order (after XML 1.0 Appendix F): a byte-order mark, then the XML declaration's `encoding`,
 * then the HTTP charset, then UTF-8. The declaration wins over HTTP because the feed's generator
 * knows its bytes while a server's charset is often a site-wide default. Bytes that are not valid
 * UTF-8 without a BOM are read as windows-1252, the usual truth behind such feeds.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string): DecodedFeed {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new FeedError('the body is gzip-compressed data, not XML');
  }
  const bom = sniffBom(bytes);
  if (bom) return { text: decode(bytes, bom, false), encoding: bom };
  const declared = declaredEncoding(bytes) ?? charsetOf(contentType);
  // A declaration we could read as ASCII cannot be UTF-16 without a BOM: ignore that claim.
  const label = declared && !/^utf-?16/i.test(declared) && isKnownLabel(declared) ? declared : 'utf-8';
  if (/^utf-?8$/i.test(label)) {
    // Validating first and decoding with Buffer is several times cheaper than a fatal
    // TextDecoder on megabytes of feed, for the same text (no BOM here: sniffBom took those).
    if (isUtf8(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), encoding: 'utf-8' };
    return { text: decode(bytes, 'windows-1252', false), encoding: 'windows-1252' };
  }
  return { text: decode(bytes, label, false), encoding: label.toLowerCase() };
}

function sniffBom(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  // No BOM, but "<?" in UTF-16 (XML 1.0 Appendix F.1).
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return 'utf-16le';
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return 'utf-16be';
  return undefined;
}

/** The `encoding` of the XML declaration, which may follow a comment in sloppy feeds. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return /<\?xml[^>]*?\sencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head)?.[1];
}

function charsetOf(contentType: string | undefined): string | undefined {
  return contentType ? /;\s*charset\s*=\s*"?([A-Za-z0-9._:-]+)"?/i.exec(contentType)?.[1] : undefined;
}

function isKnownLabel(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

function decode(bytes: Uint8Array, label: string, fatal: boolean): string {
  return new TextDecoder(label, { fatal }).decode(bytes);
}
