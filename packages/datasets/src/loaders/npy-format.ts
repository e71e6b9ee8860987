import { DataError } from '@gemlab/core';

/** A parsed .npy array: its dtype descriptor, shape, and where the C-order data starts. */
export interface NpyArray {
  readonly descr: string;
  readonly shape: readonly number[];
  readonly bytes: Buffer;
  readonly dataOffset: number;
}

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

/**
 * Reads the header of a .npy file (format versions 1-3: magic, version, header length, then a
 * Python dict literal with 'descr', 'fortran_order' and 'shape'). Fortran order is refused.
 */
export function readNpyHeader(bytes: Buffer, path: string): NpyArray {
  if (bytes.length === 0) throw new DataError(`${path}: the file is empty`);
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC))
    throw new DataError(`${path}: not a .npy file (no \\x93NUMPY magic)`);
  const major = bytes[6] as number;
  if (major < 1 || major > 3) throw new DataError(`${path}: unsupported .npy format version ${major}`);
  const lengthBytes = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const dataOffset = 8 + lengthBytes + headerLength;
  if (bytes.length < dataOffset) throw new DataError(`${path}: truncated .npy header`);
  const header = bytes.toString(major === 3 ? 'utf8' : 'latin1', 8 + lengthBytes, dataOffset);
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new DataError(`${path}: malformed .npy header ${JSON.stringify(header.trim())}`);
  }
  if (fortran === 'True') {
    throw new DataError(`${path}: Fortran-order arrays are not supported; save a C-order array (np.ascontiguousarray)`);
  }
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  return { descr, shape, bytes, dataOffset };
}

/** Element size and reader for the dtypes gemlab accepts, by descriptor ('<f4', '|u1', ...). */
export interface NpyDtype {
  readonly size: number;
  read(view: DataView, offset: number): number;
}

const FLOAT_TYPES: Record<string, (view: DataView, offset: number, little: boolean) => number> = {
  f4: (view, offset, little) => view.getFloat32(offset, little),
  f8: (view, offset, little) => view.getFloat64(offset, little),
};

const INTEGER_TYPES: Record<string, (view: DataView, offset: number, little: boolean) => number> = {
  i1: (view, offset) => view.getInt8(offset),
  u1: (view, offset) => view.getUint8(offset),
  i2: (view, offset, little) => view.getInt16(offset, little),
  u2: (view, offset, little) => view.getUint16(offset, little),
  i4: (view, offset, little) => view.getInt32(offset, little),
  u4: (view, offset, little) => view.getUint32(offset, little),
  i8: (view, offset, little) => Number(view.getBigInt64(offset, little)),
  u8: (view, offset, little) => Number(view.getBigUint64(offset, little)),
};

/** The reader for a float (features) or integer (labels) descriptor, or undefined when unsupported. */
export function npyDtype(descr: string, family: 'float' | 'integer'): NpyDtype | undefined {
  const match = /^([<>|=])([a-z]\d+)$/.exec(descr);
  if (!match) return undefined;
  const little = match[1] !== '>';
  const reader = (family === 'float' ? FLOAT_TYPES : INTEGER_TYPES)[match[2] as string];
  if (!reader) return undefined;
  return { size: Number((match[2] as string).slice(1)), read: (view, offset) => reader(view, offset, little) };
}
