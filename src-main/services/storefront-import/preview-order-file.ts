/**
 * The first look at a picked orders file (the import's first screen): what the desk recognises it as, its header,
 * a few rows to show beside the column mapping, and a guessed mapping when it is not a known export. Reads only as
 * far as those rows.
 */
import type { OrderFilePreview } from '../../../src-shared/domain/storefront-import';
import { DeskError } from '../errors';
import { readFeed } from '../feeds/parse-feed';
import { detectOrderFileFormat } from './detect-order-file';
import { guessOrderMapping } from './guess-order-mapping';
import { forOrderFile } from './read-order-file';

export const PREVIEW_ROWS = 5;

/** Thrown through readFeed once enough rows are read. */
const ENOUGH = Symbol('enough rows');

/**
 * Throws a DeskError (invalid_input, field contentBase64) with the reader's sentence when the file has no readable
 * header or no rows (not text, empty, a header alone).
 */
export function previewOrderFile(bytes: Uint8Array): OrderFilePreview {
  let headers: string[] | undefined;
  const sampleRows: string[][] = [];
  try {
    const read = readFeed(bytes, {}, {
      header: (names) => {
        headers = names;
        return undefined;
      },
      row: (_line, cells) => {
        sampleRows.push([...cells]);
        if (sampleRows.length >= PREVIEW_ROWS) throw ENOUGH;
      },
    });
    if (!read.ok) throw new DeskError('invalid_input', forOrderFile(read.reason), 'contentBase64');
  } catch (error) {
    if (error !== ENOUGH) throw error;
  }
  if (headers === undefined) throw new DeskError('invalid_input', 'The file has no header line with column names.', 'contentBase64');
  const kind = detectOrderFileFormat(headers);
  return { kind, headers, sampleRows, suggestedMapping: kind === 'unknown' ? guessOrderMapping(headers) : {}, bytes: bytes.length };
}
