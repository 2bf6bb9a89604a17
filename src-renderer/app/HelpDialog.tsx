import { Dialog } from '../components/Dialog';
import { modKey } from '../components/format';
import { useApp } from './appStore';

export function HelpDialog() {
  const open = useApp((s) => s.helpOpen);
  const setOpen = useApp((s) => s.setHelpOpen);
  const info = useApp((s) => s.info);
  const mod = modKey();
  const rows: [string, string][] = [
    ['N', 'New order'],
    ['/', 'Search orders (on Products: search products)'],
    [`${mod}+K`, 'Search orders (also while typing)'],
    ['↑ ↓', 'Move through the orders list'],
    ['PgUp PgDn Home End', 'Jump through the list'],
    ['Enter', 'Open the selected order'],
    ['J K', 'Needs review: next / previous order (↓ ↑ too)'],
    ['O R', 'Needs review: override and release with a note (O), run the checks again (R)'],
    ['J K', 'Exceptions: next / previous item (↓ ↑ too)'],
    ['Enter', 'Exceptions: do the selected item’s action'],
    [`${mod}+S`, 'Save the form: order draft, supplier or product'],
    [`${mod}+Enter`, 'Submit the order form'],
    ['↑ ↓ Enter', 'In an order line’s item box: pick a catalog variant'],
    ['Esc', 'Close a dialog or a list of suggestions, clear the search'],
    ['?', 'This help'],
  ];
  return (
    <Dialog
      open={open}
      title="Keyboard shortcuts"
      onClose={() => setOpen(false)}
      testId="help-dialog"
      footer={<button type="button" className="button" onClick={() => setOpen(false)} data-testid="help-close">Close</button>}
    >
      <table className="shortcuts">
        <tbody>
          {rows.map(([keys, what]) => (
            <tr key={`${keys} ${what}`}>
              <td><kbd>{keys}</kbd></td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Single-key shortcuts do nothing while you are typing in a field.</p>
      {info && (
        <p className="muted small" data-testid="app-info">
          PetDrop Desk {info.version} · {info.host === 'electron' ? 'desktop app' : 'browser'} · data in {info.dataDir}
        </p>
      )}
    </Dialog>
  );
}
