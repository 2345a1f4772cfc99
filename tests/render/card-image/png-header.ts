/** The PNG signature, then the IHDR chunk's width and height (PNG spec §5.2, §11.2.2). */
export function readPngHeader(bytes: Uint8Array): { signature: boolean; chunk: string; width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);
  const chunk = new TextDecoder().decode(bytes.subarray(12, 16));
  return { signature, chunk, width: view.getUint32(16), height: view.getUint32(20) };
}
