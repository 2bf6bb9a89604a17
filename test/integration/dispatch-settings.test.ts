/**
 * The shop's e-mail set-up and the suppliers' PO templates at the boundary: the SMTP password is write-only
 * and stored only as ciphertext; a template that would not render is refused at save, naming its field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { supplierInput } from '../fixtures/catalog';
import { useTestCore } from './support/open-test-core';
import { useTempDirs } from './support/temp-dir';

const openCore = useTestCore(useTempDirs());
const PASSWORD = 'smtp-Pa55word-7c1e9d';

describe('shop e-mail settings', () => {
  it('keeps the SMTP password write-only: never in an answer, only ciphertext in the data directory', async () => {
    const desk = openCore();
    const saved = await desk.call('settings.update', {
      shopName: 'Happy Paws', shopEmail: 'orders@happypaws.example', smtpHost: 'smtp.happypaws.example', smtpPort: 465,
      smtpSecurity: 'tls', smtpUser: 'orders@happypaws.example', smtpPassword: PASSWORD,
    });
    expect(saved).toMatchObject({ smtpHost: 'smtp.happypaws.example', smtpPort: 465, smtpSecurity: 'tls', smtpPasswordStored: true });
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    expect(JSON.stringify(await desk.call('settings.get', {}))).not.toContain(PASSWORD);
    desk.core.close();
    for (const file of readdirSync(desk.dataDir)) {
      expect(readFileSync(join(desk.dataDir, file)).includes(Buffer.from(PASSWORD)), file).toBe(false);
    }
  });

  it('removes the password with an empty value and keeps it when the field is left out', async () => {
    const desk = openCore();
    await desk.call('settings.update', { smtpPassword: PASSWORD });
    expect((await desk.call('settings.update', { smtpHost: 'mail.example.com' })).smtpPasswordStored).toBe(true);
    expect((await desk.call('settings.update', { smtpPassword: '' })).smtpPasswordStored).toBe(false);
  });

  it.each([
    [{ smtpHost: 'smtp.example.com\r\nRCPT TO:<x@y>' }, 'smtpHost', 'host name'],
    [{ smtpPort: 70000 }, 'smtpPort', 'SMTP port'],
    [{ smtpSecurity: 'ssl3' }, 'smtpSecurity', 'STARTTLS'],
    [{ shopEmail: 'not an address' }, 'shopEmail', 'name@example.com'],
    [{ shopName: 'Paws\r\nBcc: evil@example.com' }, 'shopName', 'one line'],
    [{ smtpPassword: 'a\nb' }, 'smtpPassword', 'one line'],
  ])('refuses %j, naming the field', async (input, field, words) => {
    const desk = openCore();
    const before = await desk.call('settings.get', {});
    const result = await desk.attempt('settings.update', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.field).toBe(field);
    expect(result.error.message).toContain(words);
    expect(await desk.call('settings.get', {})).toEqual(before);
  });
});

describe('per-supplier purchase order templates', () => {
  it('saves a subject, text and HTML template and refuses one that would not render, naming its part', async () => {
    const desk = openCore();
    const saved = await desk.call('suppliers.save', { supplier: supplierInput({ poSubject: 'PO {{poNumber}} for {{shop.name}}', poTemplate: 'Hello,\n{{#lines}}{{sku}} x {{quantity}}\n{{/lines}}', poHtml: '' }) });
    expect(saved).toMatchObject({ poSubject: 'PO {{poNumber}} for {{shop.name}}', poHtml: '' });

    const broken = await desk.attempt('suppliers.save', { id: saved.id, supplier: supplierInput({ poHtml: '<p>{{{notes}}}</p>' }) });
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.error).toMatchObject({ code: 'invalid_input', field: 'supplier.poHtml' });
    const unclosed = await desk.attempt('suppliers.save', { id: saved.id, supplier: supplierInput({ poTemplate: '{{#lines}}{{sku}}' }) });
    expect(unclosed.ok ? undefined : unclosed.error.field).toBe('supplier.poTemplate');
    expect((await desk.call('suppliers.get', { id: saved.id })).poTemplate).toContain('{{#lines}}{{sku}} x');
  });
});
