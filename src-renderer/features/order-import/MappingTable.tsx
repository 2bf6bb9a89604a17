import {
  ORDER_MAPPING_FIELDS, ORDER_MAPPING_LABELS, type OrderFilePreview, type OrderMappingField,
} from '../../../src-shared/domain/storefront-import';
import { fieldDomId } from '../../components/Field';
import { REQUIRED_FIELDS, columnOptions, sampleValue, type MappingChoice } from './orderImportModel';

/**
 * For a file the desk does not recognise: one row per field, the column chosen for it, and what that column holds in
 * the file's first rows, so a wrong choice shows before anything is imported.
 */
export function MappingTable({ preview, mapping, errors, disabled, onChange }: {
  preview: OrderFilePreview;
  mapping: MappingChoice;
  errors: Partial<Record<OrderMappingField, string>>;
  disabled: boolean;
  onChange(field: OrderMappingField, column: string): void;
}) {
  const options = columnOptions(preview.headers);
  return (
    <fieldset className="order-import-mapping" disabled={disabled} data-testid="order-import-mapping">
      <legend className="order-import-section-title">Which column holds what?</legend>
      <p className="muted small">
        One row per item of an order; the order’s own columns may be on its first row only. Fields marked <span aria-hidden="true">*</span>
        <span className="visually-hidden">required</span> are needed; leave the others on “Not in this file”.
      </p>
      <div className="table-wrap order-import-mapping-wrap">
        <table className="data-table data-table-compact">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Column in the file</th>
              <th scope="col">First value</th>
            </tr>
          </thead>
          <tbody>
            {ORDER_MAPPING_FIELDS.map((field) => {
              const id = fieldDomId(`mapping.${field}`);
              const required = REQUIRED_FIELDS.has(field);
              const error = errors[field];
              const value = mapping[field] === '' ? '' : sampleValue(preview, mapping[field]);
              return (
                <tr key={field} data-testid={`order-import-mapping-row-${field}`} className={error ? 'field-invalid' : undefined}>
                  <th scope="row" className="order-import-mapping-label">
                    <label htmlFor={id}>
                      {ORDER_MAPPING_LABELS[field]}
                      {required && <span className="field-required" aria-hidden="true"> *</span>}
                    </label>
                  </th>
                  <td>
                    <select id={id} name={`mapping.${field}`} className="input select" value={mapping[field]} data-testid={`order-import-mapping-${field}`}
                      aria-required={required || undefined} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined}
                      onChange={(event) => onChange(field, event.target.value)}>
                      <option value="">{required ? 'Choose a column…' : 'Not in this file'}</option>
                      {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                    </select>
                    {error && <p id={`${id}-error`} className="field-error" data-testid={`error-mapping.${field}`}>{error}</p>}
                  </td>
                  <td className="order-import-sample" data-testid={`order-import-sample-${field}`}>
                    {mapping[field] === '' ? '' : value === '' ? <span className="muted">(empty in the first rows)</span> : value}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
