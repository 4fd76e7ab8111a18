/** A compact multi-choice filter: a disclosure with labelled checkboxes. */
export function CheckboxMenu<T extends string>(props: {
  legend: string;
  options: readonly T[];
  selected: readonly T[];
  labelOf(value: T): string;
  onChange(next: T[]): void;
  testId?: string;
}) {
  const { options, selected } = props;
  const count = selected.length;
  return (
    <details className="menu" data-testid={props.testId}>
      <summary>
        {props.legend}
        {count > 0 ? ` (${count})` : ''}
      </summary>
      <fieldset>
        <legend className="sr-only">{props.legend}</legend>
        {options.map((o) => (
          <label key={o} className="check">
            <input
              type="checkbox"
              checked={selected.includes(o)}
              onChange={(e) =>
                props.onChange(
                  e.target.checked ? [...selected, o] : selected.filter((x) => x !== o),
                )
              }
            />
            {props.labelOf(o)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
