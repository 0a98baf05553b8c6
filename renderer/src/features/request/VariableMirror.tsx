/**
 * `{{variable}}` highlighting inside a one-line input. An <input> cannot style part of its text, so
 * the text is drawn twice: a mirror layer behind the input holds the same text with each reference
 * marked, and the input on top keeps its caret, selection, keyboard, completion and accessible name
 * but draws its text transparent. The mirror copies the input's font and padding and follows its
 * horizontal scroll. Each mark carries `data-variable`, `data-defined` and a title naming the value's
 * source (never a value); hovering a mark shows that title on the input.
 */
import { TextInput } from '@mantine/core';
import { useCallback, useLayoutEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import { referencedVariables, splitVariables, type VariableSource } from '../../../../shared/request/variables';

/** Says where a `{{name}}` gets its value; the editors ask it for each reference they draw. */
export type VariableLookup = (name: string) => VariableSource;

/** The mark's colours: Mantine's light variants, which read well in both colour schemes. */
export function variableMarkStyle(defined: boolean): CSSProperties {
  return defined
    ? { backgroundColor: 'var(--mantine-color-teal-light)', color: 'var(--mantine-color-teal-light-color)', borderRadius: 2 }
    : {
        backgroundColor: 'var(--mantine-color-red-light)',
        color: 'var(--mantine-color-red-light-color)',
        borderRadius: 2,
        textDecoration: 'underline wavy var(--mantine-color-red-filled)',
        textDecorationSkipInk: 'none',
      };
}

/** One line of text with each reference marked. */
export function VariableMarks({ text, lookup }: { text: string; lookup: VariableLookup }) {
  return splitVariables(text).map((segment, index) => {
    if (!segment.name) return segment.text;
    const source = lookup(segment.name);
    return (
      <span
        key={index}
        data-variable={segment.name}
        data-defined={String(source.defined)}
        title={`{{${segment.name}}}: ${source.description}`}
        style={variableMarkStyle(source.defined)}
      >
        {segment.text}
      </span>
    );
  });
}

/** "{{host}}: from environment Staging. {{missing}}: not defined in the active environment." */
export function describeVariables(text: string, lookup: VariableLookup): string {
  return referencedVariables(text)
    .map((name) => `{{${name}}}: ${lookup(name).description}.`)
    .join(' ');
}

// What the mirror copies from the input so each character lands in the same place.
const COPIED = [
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'letterSpacing',
  'wordSpacing',
  'textIndent',
  'textTransform',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'borderRadius',
] as const;

export interface VariableMirror {
  /** Give to the input (Mantine inputs forward `ref` to the <input>). */
  inputRef: React.RefObject<HTMLInputElement | null>;
  /** Give to the Mantine input's `inputContainer`: puts the mirror behind the input. */
  inputContainer(children: ReactNode): ReactNode;
  /** Merge into the Mantine input's `styles.input`. */
  inputStyle: CSSProperties;
  /** Give to the input's `onMouseMove`: shows the hovered mark's title. */
  onMouseMove(event: React.MouseEvent<HTMLInputElement>): void;
}

/** Highlighting for an input showing `value`; with no `lookup` it does nothing (other screens' inputs). */
export function useVariableMirror(value: string, lookup: VariableLookup | undefined): VariableMirror {
  const inputRef = useRef<HTMLInputElement | null>(null);
  const mirrorRef = useRef<HTMLDivElement | null>(null);
  const lineRef = useRef<HTMLSpanElement | null>(null);

  const follow = useCallback(() => {
    const input = inputRef.current;
    if (input && lineRef.current) lineRef.current.style.transform = `translateX(${-input.scrollLeft}px)`;
  }, []);

  // Copy the input's metrics (again whenever it resizes) and follow its scroll and caret moves.
  useLayoutEffect(() => {
    const input = inputRef.current;
    const mirror = mirrorRef.current;
    if (!lookup || !input || !mirror) return;
    const copy = () => {
      const style = getComputedStyle(input);
      for (const property of COPIED) mirror.style[property] = style[property];
      follow();
    };
    copy();
    const resized = new ResizeObserver(copy);
    resized.observe(input);
    const events = ['scroll', 'input', 'keydown', 'keyup', 'select', 'mousedown', 'mouseup', 'mousemove', 'focus', 'blur'] as const;
    const onEvent = () => requestAnimationFrame(follow);
    // selectionchange fires on the document for any field: only the focused input can have scrolled.
    const onSelection = () => document.activeElement === input && onEvent();
    for (const name of events) input.addEventListener(name, onEvent);
    document.addEventListener('selectionchange', onSelection);
    return () => {
      resized.disconnect();
      for (const name of events) input.removeEventListener(name, onEvent);
      document.removeEventListener('selectionchange', onSelection);
    };
  }, [lookup, follow]);

  useLayoutEffect(follow, [value, follow]);

  // The marks are hidden from assistive technology (they repeat the input's text); the input itself
  // describes each reference. Set on the element: Mantine owns aria-describedby, React has no aria-description.
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const description = lookup ? describeVariables(value, lookup) : '';
    if (description) input.setAttribute('aria-description', description);
    else input.removeAttribute('aria-description');
  }, [value, lookup]);

  const inputContainer = useCallback(
    (children: ReactNode) =>
      lookup ? (
        <div style={{ position: 'relative' }}>
          <div
            ref={mirrorRef}
            aria-hidden="true"
            data-variable-mirror=""
            style={{
              position: 'absolute',
              inset: 0,
              overflow: 'hidden',
              whiteSpace: 'pre',
              display: 'flex',
              alignItems: 'center',
              borderStyle: 'solid',
              borderColor: 'transparent',
              backgroundColor: 'var(--mantine-color-default)',
              color: 'var(--mantine-color-text)',
              pointerEvents: 'none',
            }}
          >
            <span ref={lineRef} style={{ display: 'inline-block' }}>
              <VariableMarks text={value} lookup={lookup} />
            </span>
          </div>
          {children}
        </div>
      ) : (
        children
      ),
    [lookup, value],
  );

  const onMouseMove = useCallback(
    (event: React.MouseEvent<HTMLInputElement>) => {
      if (!lookup) return;
      const input = event.currentTarget;
      // The mark sits behind the input, so find it by position, not by the event's target.
      const mark = [...(lineRef.current?.querySelectorAll<HTMLElement>('[data-variable]') ?? [])].find((candidate) => {
        const box = candidate.getBoundingClientRect();
        return event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      });
      const title = mark?.title ?? '';
      if (input.title !== title) input.title = title;
    },
    [lookup],
  );

  const inputStyle: CSSProperties = lookup
    ? { color: 'transparent', caretColor: 'var(--mantine-color-text)', backgroundColor: 'transparent' }
    : {};
  return { inputRef, inputContainer, inputStyle, onMouseMove };
}

export interface HighlightedTextInputProps {
  value: string;
  onChange(value: string): void;
  'aria-label': string;
  placeholder?: string;
  lookup: VariableLookup;
  style?: CSSProperties;
}

/** A TextInput with its `{{variables}}` highlighted (header, param and form values). */
export function HighlightedTextInput({ value, onChange, lookup, style, placeholder, ...rest }: HighlightedTextInputProps) {
  const mirror = useVariableMirror(value, lookup);
  return (
    <TextInput
      ref={mirror.inputRef}
      style={style}
      value={value}
      placeholder={placeholder}
      aria-label={rest['aria-label']}
      onChange={(event) => onChange(event.currentTarget.value)}
      onMouseMove={mirror.onMouseMove}
      inputContainer={mirror.inputContainer}
      styles={{ input: mirror.inputStyle }}
      spellCheck={false}
    />
  );
}
