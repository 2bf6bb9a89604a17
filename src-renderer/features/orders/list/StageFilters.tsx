import { STAGES, STAGE_LABELS, type Stage } from '../../../../src-shared/domain/stage';
import { useOrdersList } from './ordersListStore';

/** Stage chips with counts; "All" plus one per stage. A radio group: one filter at a time. */
export function StageFilters() {
  const stage = useOrdersList((s) => s.stage);
  const counts = useOrdersList((s) => s.counts);
  const setStage = useOrdersList((s) => s.setStage);
  const all = counts ? STAGES.reduce((sum, s) => sum + counts[s], 0) : null;

  const chip = (value: Stage | null, label: string, count: number | null) => {
    const active = stage === value;
    return (
      <button
        key={value ?? 'all'}
        type="button"
        role="radio"
        aria-checked={active}
        className={`chip${active ? ' chip-active' : ''}${value ? ` chip-${value}` : ''}`}
        data-testid={`stage-filter-${value ?? 'all'}`}
        data-count={count ?? undefined}
        onClick={() => setStage(value)}
      >
        {value && <span className={`chip-dot stage-${value}`} aria-hidden="true" />}
        <span className="chip-label">{label}</span>
        <span className="chip-count">{count === null ? '…' : count.toLocaleString()}</span>
      </button>
    );
  };

  return (
    <div className="stage-filters" role="radiogroup" aria-label="Filter by stage">
      {chip(null, 'All', all)}
      {STAGES.map((s) => chip(s, STAGE_LABELS[s], counts ? counts[s] : null))}
    </div>
  );
}
