/**
 * The entry names of a ZIP archive, read from its central directory (the index at the end of
 * the file), or undefined when the bytes are not a well-formed archive. DOCX and XLSX are ZIP
 * archives: their entries, not the first bytes, tell them apart from other archives (JAR, APK).
 * Only the directory is read; nothing is decompressed.
 */
export function zipEntryNames(bytes: Buffer, maxEntries = 10_000): string[] | undefined {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd === undefined) return undefined;
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  // ZIP64 archives mark these with 0xFFFF…; office documents of a few MB never need them.
  if (count === 0xffff || offset === 0xffffffff || count > maxEntries || offset + size > eocd) return undefined;
  const names: string[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) return undefined;
    names.push(bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The offset of the End Of Central Directory record: 22 bytes plus a comment of up to 65 535 bytes, at the end. */
function findEndOfCentralDirectory(bytes: Buffer): number | undefined {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50 && at + 22 + bytes.readUInt16LE(at + 20) === bytes.length) return at;
  }
  return undefined;
}
