interface ProgressBarProps {
  value: number;
  max: number;
  label: string;
  testId?: string;
}

export function ProgressBar({ value, max, label, testId }: ProgressBarProps) {
  const safeMax = Math.max(max, 1);
  const percent = Math.min(100, Math.max(0, (value / safeMax) * 100));
  return (
    <div className="progress" data-testid={testId}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={safeMax}
        aria-valuenow={Math.min(value, safeMax)}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="progress-text">
        {max > 0 ? `${label}: ${value.toLocaleString()} of ${max.toLocaleString()} (${Math.floor(percent)}%)` : `${label}…`}
      </div>
    </div>
  );
}
