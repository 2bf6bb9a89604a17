import { STAGE_LABELS, type Stage } from '../../src-shared/domain/stage';

export function StageBadge({ stage, testId }: { stage: Stage; testId?: string }) {
  return (
    <span className={`badge stage-${stage}`} data-testid={testId} data-stage={stage}>
      {STAGE_LABELS[stage]}
    </span>
  );
}
