/**
 * CodeMirror 6 editor/viewer for JSON, XML, HTML and text: viewport rendering (large bodies stay
 * fast), folding, search (Ctrl+F), JSON lint, light and dark, and (opt-in) `{{variable}}` marks.
 * Its content is a `textbox` named by `label`, so tests and screen readers find it by name.
 */
import { Box, useComputedColorScheme } from '@mantine/core';
import { autocompletion, closeBrackets } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { html } from '@codemirror/lang-html';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { xml } from '@codemirror/lang-xml';
import { bracketMatching, foldGutter, foldKeymap, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
  MatchDecorator,
  placeholder as placeholderText,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import { VARIABLE_PATTERN, type VariableSource } from '../../../shared/request/variables';

export type CodeLanguage = 'json' | 'xml' | 'html' | 'text';

export interface CodeEditorProps {
  value: string;
  onChange?(value: string): void;
  /** The accessible name of the editor's text box. */
  label: string;
  language?: CodeLanguage;
  readOnly?: boolean;
  /** Flag JSON syntax errors inline (json only). */
  lint?: boolean;
  placeholder?: string;
  minHeight?: number | string;
  maxHeight?: number | string;
  height?: number | string;
  lineWrapping?: boolean;
  /** Extra CodeMirror extensions (completion sources, decorations, key bindings). */
  extensions?: Extension[];
  /** Receives the editor when it is created (and null when destroyed), e.g. to stream text into it. */
  onView?(view: EditorView | null): void;
  /**
   * Marks each `{{name}}` as defined or not, titled with where its value comes from. Off when
   * absent. Keep it stable (useMemo): a new function redraws the marks.
   */
  variables?(name: string): VariableSource;
}

const light = HighlightStyle.define([
  { tag: tags.propertyName, color: '#1c4fa3' },
  { tag: [tags.string, tags.attributeValue], color: '#0a7a3d' },
  { tag: [tags.number, tags.bool, tags.null], color: '#a3470b' },
  { tag: [tags.tagName, tags.keyword], color: '#8a1c7c' },
  { tag: tags.attributeName, color: '#6b4d00' },
  { tag: tags.comment, color: '#7a7a7a', fontStyle: 'italic' },
]);
const dark = HighlightStyle.define([
  { tag: tags.propertyName, color: '#8ab4f8' },
  { tag: [tags.string, tags.attributeValue], color: '#a5d6a7' },
  { tag: [tags.number, tags.bool, tags.null], color: '#f6b26b' },
  { tag: [tags.tagName, tags.keyword], color: '#d7a6f5' },
  { tag: tags.attributeName, color: '#f0d58c' },
  { tag: tags.comment, color: '#9a9a9a', fontStyle: 'italic' },
]);

const baseTheme = EditorView.theme({
  '&': { fontSize: 'var(--mantine-font-size-xs)', backgroundColor: 'var(--mantine-color-body)', color: 'var(--mantine-color-text)' },
  '.cm-scroller': { fontFamily: 'var(--mantine-font-family-monospace)', lineHeight: '1.5' },
  '.cm-gutters': {
    backgroundColor: 'var(--mantine-color-default)',
    color: 'var(--mantine-color-dimmed)',
    borderRight: '1px solid var(--mantine-color-default-border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--mantine-color-default-hover)' },
  '&.cm-focused': { outline: '2px solid var(--mantine-primary-color-filled)', outlineOffset: '-2px' },
  '.cm-panels': { backgroundColor: 'var(--mantine-color-default)', color: 'var(--mantine-color-text)' },
  // Mantine's light variants read well in both colour schemes; the colour wins over syntax colours inside.
  '.cm-variable': { borderRadius: '2px' },
  '.cm-variable-defined': { backgroundColor: 'var(--mantine-color-teal-light)' },
  '.cm-variable-defined, .cm-variable-defined *': { color: 'var(--mantine-color-teal-light-color)' },
  '.cm-variable-undefined': {
    backgroundColor: 'var(--mantine-color-red-light)',
    textDecoration: 'underline wavy var(--mantine-color-red-filled)',
    textDecorationSkipInk: 'none',
  },
  '.cm-variable-undefined, .cm-variable-undefined *': { color: 'var(--mantine-color-red-light-color)' },
});

/** Marks `{{name}}` references, each with `data-variable`, `data-defined` and a title naming its source. */
function variableMarks(lookup: (name: string) => VariableSource): Extension {
  const decorator = new MatchDecorator({
    regexp: new RegExp(VARIABLE_PATTERN.source, 'g'),
    decoration: (match) => {
      const name = match[1]!;
      const { defined, description } = lookup(name);
      return Decoration.mark({
        class: `cm-variable ${defined ? 'cm-variable-defined' : 'cm-variable-undefined'}`,
        attributes: { 'data-variable': name, 'data-defined': String(defined), title: `{{${name}}}: ${description}` },
      });
    },
  });
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorator.createDeco(view);
      }
      update(update: ViewUpdate) {
        this.decorations = decorator.updateDeco(update, this.decorations);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}

function languageExtension(language: CodeLanguage, lint: boolean): Extension[] {
  switch (language) {
    case 'json':
      return lint ? [json(), linter(jsonParseLinter(), { delay: 250 }), lintGutter()] : [json()];
    case 'xml':
      return [xml()];
    case 'html':
      return [html()];
    default:
      return [];
  }
}

export function CodeEditor({
  value,
  onChange,
  label,
  language = 'text',
  readOnly = false,
  lint = false,
  placeholder,
  minHeight,
  maxHeight,
  height,
  lineWrapping = false,
  extensions = [],
  onView,
  variables,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onViewRef = useRef(onView);
  onViewRef.current = onView;
  const scheme = useComputedColorScheme('light');
  const themeCompartment = useRef(new Compartment());
  const variablesCompartment = useRef(new Compartment());
  const variablesRef = useRef(variables);

  // The editor is created once per language/readOnly/label; later value changes are patched in.
  useEffect(() => {
    const state = EditorState.create({
      doc: value,
      extensions: [
        lineNumbers(),
        foldGutter(),
        drawSelection(),
        history(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        autocompletion(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        search({ top: true }),
        keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...searchKeymap, indentWithTab]),
        baseTheme,
        themeCompartment.current.of(syntaxHighlighting(scheme === 'dark' ? dark : light)),
        EditorState.readOnly.of(readOnly),
        EditorView.editable.of(!readOnly),
        // A read-only CodeMirror is not focusable by itself, so Ctrl+F search, Ctrl+A and the arrows
        // never reached it: read-only viewers take focus like any text.
        EditorView.contentAttributes.of({ 'aria-label': label, ...(readOnly ? { 'aria-readonly': 'true', tabindex: '0' } : {}) }),
        ...(lineWrapping ? [EditorView.lineWrapping] : []),
        ...(placeholder ? [placeholderText(placeholder)] : []),
        ...languageExtension(language, lint),
        variablesCompartment.current.of(variablesRef.current ? variableMarks(variablesRef.current) : []),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
        }),
        ...extensions,
      ],
    });
    const editor = new EditorView({ state, parent: host.current! });
    view.current = editor;
    onViewRef.current?.(editor);
    return () => {
      onViewRef.current?.(null);
      editor.destroy();
      view.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language, readOnly, label, lint, lineWrapping, placeholder]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    if (variablesRef.current === variables) return;
    variablesRef.current = variables;
    view.current?.dispatch({ effects: variablesCompartment.current.reconfigure(variables ? variableMarks(variables) : []) });
  }, [variables]);

  useEffect(() => {
    view.current?.dispatch({ effects: themeCompartment.current.reconfigure(syntaxHighlighting(scheme === 'dark' ? dark : light)) });
  }, [scheme]);

  return (
    <Box
      ref={host}
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-sm)',
        overflow: 'hidden',
        minHeight,
        maxHeight,
        height,
        display: 'flex',
        flexDirection: 'column',
      }}
      className="signet-code-editor"
    />
  );
}
