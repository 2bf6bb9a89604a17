import { z } from 'zod';
import { ORDER_MAPPING_FIELDS } from '../domain/storefront-import';

/**
 * A 100,000-order Shopify export is about 60 MB; base64 makes it 80. The cap leaves room for a bigger shop's year
 * while still refusing what cannot be an orders export.
 */
export const MAX_ORDER_FILE_BASE64_CHARS = 200_000_000;

/**
 * The file itself (base64, as the Electron window sends it), or the id of bytes the browser host took first as a
 * raw upload (POST /upload: no 80 MB JSON text to parse on the core's thread). Exactly one of the two.
 */
const orderFile = {
  fileName: z.string('Name the file').trim().min(1, 'Name the file').max(255, 'File name is too long (255 characters at most)'),
  // Checked to be base64 while it is decoded, a piece at a time (decode-upload.ts): a regex over 80 MB here would hold the core.
  contentBase64: z.string('Choose a file').min(1, 'The file is empty').max(MAX_ORDER_FILE_BASE64_CHARS, 'The file is too large (150 MB at most)').optional(),
  uploadId: z.string('Choose a file').regex(/^[A-Za-z0-9_-]{16,64}$/u, 'The upload id is not one the desk gave').optional(),
};

const oneFile = (v: { contentBase64?: string | undefined; uploadId?: string | undefined }) => (v.contentBase64 === undefined) !== (v.uploadId === undefined);
const ONE_FILE = { message: 'Choose a file', path: ['contentBase64'] };

export const orderFilePreviewInput = z.object(orderFile).refine(oneFile, ONE_FILE);

const header = z.string().max(500, 'A column name is too long (500 characters at most)');
export const orderColumnMapping = z.partialRecord(z.enum(ORDER_MAPPING_FIELDS, 'Unknown field in the column mapping'), header);

export const orderFileImportInput = z.object({
  ...orderFile,
  /** Only for a file the desk does not recognise; a known export is read as its storefront writes it. */
  mapping: orderColumnMapping.optional(),
}).refine(oneFile, ONE_FILE);

export const importRunsInput = z.object({
  limit: z.number('Limit must be a number').int('Limit must be a whole number').min(1, 'Limit must be at least 1').max(100, 'Limit must be at most 100').default(20),
});
