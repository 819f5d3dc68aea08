import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react';
import { ApiError } from '../api/client';
import { useI18n, type Lang } from '../i18n';
import { issueText, problemText } from '../problems';

/** The page's one h1: sets the document title and takes focus after navigation (screen readers). */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${children} · ${t('app.name')}`;
    ref.current?.focus();
  }, [children, t]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** Loads data for a page; `reload` fetches again after an action. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => live && (setData(d), setError(undefined)),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload, setData };
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

/** A problem from the API, summarised at the top of a form, with each field error listed. */
export function ErrorSummary({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{t('common.problem')}</h2>
      <p>{problem ? problemText(problem, lang) : String(error)}</p>
      {problem?.errors?.length ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.path + e.code}>
              <code>{e.path}</code>
              {lang === 'zh' ? '：' : ': '}
              {issueText(e, lang)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Field errors from a problem, by path, for the fields of a form, in the user's language. */
export function fieldErrors(error: unknown, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError)
    for (const e of error.problem.errors ?? []) out[e.path] ??= issueText(e, lang);
  return out;
}

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
}

/** What a control needs from its field: its id and the ids of the hint and error that describe it. */
interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A labelled field: the label above, then the hint and the error (tied to the control by
 * `aria-describedby`), then the control itself; a field in error is marked beside it.
 */
function Field({
  label,
  hint,
  error,
  control,
}: FieldProps & { control(props: ControlProps): ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {control({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      control={(props) => <input {...props} {...input} />}
    />
  );
}

/**
 * An amount in 万元 (the form converts it to yuan for the API). Any whole-yuan figure is a valid
 * entry (a step of 0.0001 万元), so an amount stored through the API can be saved back unchanged.
 */
export function WanField(props: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useI18n();
  return (
    <TextField
      hint={t('profile.wanHint')}
      type="number"
      inputMode="decimal"
      min={0}
      step="0.0001"
      {...props}
    />
  );
}

export function SelectField({
  label,
  hint,
  error,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      control={(props) => (
        <select {...props} {...select}>
          {children}
        </select>
      )}
    />
  );
}

export function CheckField({
  label,
  hint,
  ...input
}: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="check">
      <input
        id={id}
        type="checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A checkbox per value of an enumeration (labels.ts), ticked when the value is in `selected`. */
export function CheckList<T extends string>({
  labels,
  selected,
  onToggle,
}: {
  labels: Record<T, readonly [string, string]>;
  selected: readonly T[];
  onToggle(value: T): void;
}) {
  const { lang } = useI18n();
  return (Object.keys(labels) as T[]).map((v) => (
    <CheckField
      key={v}
      label={labels[v][lang === 'zh' ? 0 : 1]}
      checked={selected.includes(v)}
      onChange={() => onToggle(v)}
    />
  ));
}

/**
 * A table of records with its caption (for screen readers) and column headings, scrolling
 * sideways on a narrow screen; the rows are the caller's.
 */
export function DataTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: readonly string[];
  children: ReactNode;
}) {
  // A table wider than a phone scrolls in its own box; keyboard users reach that box with Tab
  // (and scroll it with the arrow keys), screen readers hear it as a region named by the caption.
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

const STATUS_CLASS: Record<string, string> = {
  eligible: 'ok',
  approved: 'ok',
  disbursed: 'ok',
  delivered: 'ok',
  pass: 'ok',
  published: 'ok',
  ineligible: 'bad',
  declined: 'bad',
  dead: 'bad',
  failed: 'bad',
  fail: 'bad',
  overdue: 'bad',
  retired: 'muted',
  withdrawn: 'muted',
};

/** A status as a labelled badge (colour is never the only signal: the text says it). */
export function Badge({ status, children }: { status: string; children: ReactNode }) {
  return <span className={`badge badge-${STATUS_CLASS[status] ?? 'info'}`}>{children}</span>;
}
