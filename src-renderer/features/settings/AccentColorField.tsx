import { FieldShell } from '../../components/Field';

const COLOUR = /^#[0-9a-fA-F]{6}$/u;

/** The e-mails' accent colour: the browser's colour picker beside a text box for a typed #rrggbb. */
export function AccentColorField({ value, onChange, error }: { value: string; onChange(colour: string): void; error?: string | undefined }) {
  const valid = COLOUR.test(value.trim());
  return (
    <FieldShell path="emailAccentColor" label="Accent colour" required error={error} hint="The header band and buttons of every customer e-mail">
      {(control) => (
        <div className="colour-field">
          <input type="color" className="colour-swatch" aria-label="Pick the accent colour" data-testid="emailAccentColor-picker"
            value={valid ? value.trim().toLowerCase() : '#000000'} onChange={(e) => onChange(e.target.value)} />
          <input {...control} type="text" className="input colour-text" autoComplete="off" spellCheck={false} maxLength={7} placeholder="#2f6f4e"
            value={value} onChange={(e) => onChange(e.target.value)} />
        </div>
      )}
    </FieldShell>
  );
}
