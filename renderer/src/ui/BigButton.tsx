import type { ReactNode } from 'react';

interface Props {
  readonly onPress: () => void;
  readonly children: ReactNode;
  readonly hint?: string;
  readonly variant?: 'primary' | 'secondary';
  readonly icon?: ReactNode;
  readonly testId?: string;
  readonly ariaLabel?: string;
  readonly pressed?: boolean;
}

/** A large touch target (never below 64 px) with an optional second line of guidance. */
export function BigButton({
  onPress,
  children,
  hint,
  variant = 'primary',
  icon,
  testId,
  ariaLabel,
  pressed,
}: Props) {
  return (
    <button
      type="button"
      className={`big-button ${variant}`}
      onClick={onPress}
      data-testid={testId}
      aria-label={ariaLabel}
      aria-pressed={pressed}
    >
      {icon ? (
        <span className="big-button-icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      <span className="big-button-text">
        <span className="big-button-label">{children}</span>
        {hint ? <span className="big-button-hint">{hint}</span> : null}
      </span>
    </button>
  );
}
