import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { checkUscc } from '../../../../src/modules/enterprises/domain/uscc';
import regions from '../../../../src/modules/enterprises/domain/data/regions.json';
import { api, call, type Schemas } from '../../api/client';
import {
  CheckField,
  CheckList,
  ErrorSummary,
  fieldErrors,
  Loading,
  PageTitle,
  SelectField,
  TextField,
  useLoad,
  WanField,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import {
  AGRI_OPERATOR_TYPES,
  CERTIFICATIONS,
  ENTITY_TYPES,
  FOUNDER_CATEGORIES,
  label,
  LISTINGS,
  PURPOSES,
} from '../../labels';
import { myEnterprise, productsByCode } from './data';
import { CREDIT_KEYS, EMPTY, fromProfile, toProfile, type Form } from './profile-form';
import { MoneyRangeField, rangeCuts } from './ranges';

const DRAFT_KEY = 'sfm.profileDraft';
const MORE = [
  'founder',
  'receivables',
  'governmentProcurementContract',
  'hiring',
  'jobRetentionRate',
];

function loadDraft(): Form | null {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Form>) } : null;
  } catch {
    return null;
  }
}

export function ProfilePage() {
  const { t, lang, pick } = useI18n();
  const navigate = useNavigate();
  const enterprise = useLoad(myEnterprise, []);
  // The questions that would settle the products still open for the stored profile (a preview:
  // nothing is stored), with the products' names.
  const interview = useLoad(async () => {
    const profile = enterprise.data?.profile;
    if (!profile) return { questions: [], names: new Map<string, { zh: string; en: string }>() };
    const [preview, products] = await Promise.all([
      call(api.POST('/api/v1/matches/preview', { body: profile })),
      productsByCode(),
    ]);
    return {
      questions: preview.questions,
      names: new Map([...products].map(([c, p]) => [c, p.name])),
    };
  }, [enterprise.data]);
  // Published products: their thresholds cut the revenue and asset ranges.
  const products = useLoad(productsByCode, []);
  const allProducts = products.data ? [...products.data.values()] : [];
  const questions = interview.data?.questions ?? [];
  const productNames = interview.data?.names ?? new Map<string, { zh: string; en: string }>();
  const [form, setForm] = useState<Form | null>(null);
  const [fromDraft, setFromDraft] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error, lang);

  // The draft wins over the stored profile: it is what the SME typed last.
  useEffect(() => {
    if (form || enterprise.data === undefined) return;
    const draft = loadDraft();
    setFromDraft(Boolean(draft));
    setForm(draft ?? (enterprise.data?.profile ? fromProfile(enterprise.data.profile) : EMPTY));
  }, [enterprise.data, form]);

  useEffect(() => {
    if (form) localStorage.setItem(DRAFT_KEY, JSON.stringify(form));
  }, [form]);

  const usccMessage = useMemo(() => {
    const code = form?.uscc.trim().toUpperCase() ?? '';
    if (!code) return undefined;
    if (code.length < 18) return t('profile.uscc.short', { n: 18 - code.length });
    const check = checkUscc(code);
    if (check.valid) return undefined;
    return t(`profile.uscc.${check.reason}`);
  }, [form?.uscc, t]);

  // A number of partners belongs to a founder, whose categories the API needs with it.
  const partnersMessage =
    form && form.founderPartners !== '' && !form.founderAnswered
      ? t('profile.founder.partners.needsCategories')
      : undefined;

  if (enterprise.error) return <ErrorSummary error={enterprise.error} />;
  if (!form) return <Loading />;

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  const toggle = <T extends string>(list: T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form || usccMessage || partnersMessage) return;
    setBusy(true);
    setError(undefined);
    try {
      // What the SME did not touch goes back as it was loaded, fields without a control included.
      const body = toProfile(form, enterprise.data?.profile);
      const id = enterprise.data?.id;
      const saved = id
        ? await call(api.PUT('/api/v1/enterprises/{id}', { params: { path: { id } }, body }))
        : await call(api.POST('/api/v1/enterprises', { body }));
      const run = await call(
        api.POST('/api/v1/enterprises/{id}/matches', { params: { path: { id: saved.id } } }),
      );
      localStorage.removeItem(DRAFT_KEY);
      void navigate(`/sme/matches/${run.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const yesNoOptions = (
    <>
      <option value="">{t('common.notSaying')}</option>
      <option value="yes">{t('common.yes')}</option>
      <option value="no">{t('common.no')}</option>
    </>
  );

  // Every question is shown: each profile field the server may ask about has its control below
  // (a browser test holds the page to that), so no question is left out for want of one.
  const isAsked = (field: string) => questions.some((q) => q.field === field);

  const partnersField = (
    <TextField
      label={t('profile.founder.partners')}
      hint={t('profile.founder.partners.hint')}
      type="number"
      inputMode="numeric"
      min={1}
      step={1}
      value={form.founderPartners}
      onChange={(e) => set('founderPartners', e.target.value)}
      error={partnersMessage ?? errors['founder.partners']}
    />
  );

  // The facts the server may ask about, each one control (or group): asked first when the last
  // match's questions name them, in the questions' order, and left out of their section then.
  const controls: Record<string, ReactNode> = {
    uscc: (
      <TextField
        label={t('profile.uscc')}
        hint={t('profile.uscc.hint')}
        value={form.uscc}
        onChange={(e) => set('uscc', e.target.value.toUpperCase())}
        maxLength={18}
        autoCapitalize="characters"
        spellCheck={false}
        required={form.entityType !== 'individual'}
        error={usccMessage ?? errors.uscc}
      />
    ),
    regionCode: (
      <SelectField
        label={t('profile.region')}
        value={form.regionCode}
        onChange={(e) => set('regionCode', e.target.value)}
        required
        error={errors.regionCode}
      >
        <option value="">{t('common.choose')}</option>
        {regions.cities.map((city) => (
          <optgroup key={city.code} label={city.name}>
            <option value={city.code}>{city.name}</option>
            {city.counties.map((c) => (
              <option key={c.code} value={c.code}>
                {city.name} {c.name}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
    ),
    industryCode: (
      <TextField
        label={t('profile.industry')}
        hint={t('profile.industry.hint')}
        value={form.industryCode}
        onChange={(e) => set('industryCode', e.target.value)}
        required
        pattern="[A-Ta-t][0-9]{2,4}"
        error={errors.industryCode}
      />
    ),
    establishedOn: (
      <TextField
        label={t('profile.established')}
        type="date"
        value={form.establishedOn}
        onChange={(e) => set('establishedOn', e.target.value)}
        required
        error={errors.establishedOn}
      />
    ),
    employees: (
      <TextField
        label={t('profile.employees')}
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        value={form.employees}
        onChange={(e) => set('employees', e.target.value)}
        required
        error={errors.employees}
      />
    ),
    annualRevenueYuan: (
      <MoneyRangeField
        label={t('profile.revenue')}
        hint={t('profile.rangeHint')}
        cuts={rangeCuts('annualRevenueYuan', form.industryCode, allProducts)}
        value={form.revenueWan}
        onChange={(wan) => set('revenueWan', wan)}
        required
        error={errors.annualRevenueYuan}
      />
    ),
    totalAssetsYuan: (
      <MoneyRangeField
        label={t('profile.assets')}
        hint={t('profile.rangeHint')}
        cuts={rangeCuts('totalAssetsYuan', form.industryCode, allProducts)}
        value={form.assetsWan}
        onChange={(wan) => set('assetsWan', wan)}
        error={errors.totalAssetsYuan}
      />
    ),
    taxPaidLastYearYuan: (
      <WanField
        label={t('profile.tax')}
        hint={t('profile.optionalWan')}
        value={form.taxWan}
        onChange={(e) => set('taxWan', e.target.value)}
        error={errors.taxPaidLastYearYuan}
      />
    ),
    taxRelief: (
      <SelectField
        label={t('profile.taxRelief')}
        value={form.taxRelief}
        onChange={(e) => set('taxRelief', e.target.value as Form['taxRelief'])}
      >
        {yesNoOptions}
      </SelectField>
    ),
    inIndustrialPark: (
      <SelectField
        label={t('profile.park')}
        value={form.inIndustrialPark}
        onChange={(e) => set('inIndustrialPark', e.target.value as Form['inIndustrialPark'])}
      >
        {yesNoOptions}
      </SelectField>
    ),
    certifications: (
      <>
        <CheckList
          labels={CERTIFICATIONS}
          selected={form.certifications}
          onToggle={(v) => set('certifications', toggle(form.certifications, v))}
        />
      </>
    ),
    agriOperatorType: (
      <SelectField
        label={t('profile.agriOperatorType')}
        hint={t('profile.agriOperatorType.hint')}
        value={form.agriOperatorType}
        onChange={(e) => set('agriOperatorType', e.target.value as Form['agriOperatorType'])}
        error={errors.agriOperatorType}
      >
        <option value="">{t('common.notSaying')}</option>
        {Object.keys(AGRI_OPERATOR_TYPES).map((k) => (
          <option key={k} value={k}>
            {label(AGRI_OPERATOR_TYPES, k as Schemas['AgriOperatorType'], lang)}
          </option>
        ))}
      </SelectField>
    ),
    listings: (
      <>
        <p className="hint">{t('profile.listings')}</p>
        <CheckList
          labels={LISTINGS}
          selected={form.listings}
          onToggle={(v) => set('listings', toggle(form.listings, v))}
        />
      </>
    ),
    founder: (
      <>
        <p className="hint">{t('profile.founder.hint')}</p>
        <CheckList
          labels={FOUNDER_CATEGORIES}
          selected={form.founderCategories}
          onToggle={(v) =>
            setForm({
              ...form,
              founderAnswered: true,
              founderCategories: toggle(form.founderCategories, v),
            })
          }
        />
        <CheckField
          label={t('profile.founder.none')}
          checked={form.founderAnswered && form.founderCategories.length === 0}
          onChange={(e) =>
            setForm({ ...form, founderAnswered: e.target.checked, founderCategories: [] })
          }
        />
        {isAsked('founder.partners') ? null : partnersField}
      </>
    ),
    'founder.partners': partnersField,
    receivables: (
      <>
        <SelectField
          label={t('profile.receivables')}
          value={form.receivables}
          onChange={(e) => set('receivables', e.target.value as Form['receivables'])}
        >
          {yesNoOptions}
        </SelectField>
        {form.receivables === 'yes' ? (
          <>
            <WanField
              label={t('profile.receivables.amount')}
              value={form.receivablesWan}
              onChange={(e) => set('receivablesWan', e.target.value)}
              error={errors['receivables.amountYuan']}
            />
            <CheckField
              label={t('profile.receivables.debtor')}
              checked={form.receivablesFromGovernment}
              onChange={(e) => set('receivablesFromGovernment', e.target.checked)}
            />
          </>
        ) : null}
      </>
    ),
    governmentProcurementContract: (
      <>
        <SelectField
          label={t('profile.procurement')}
          value={form.procurement}
          onChange={(e) => set('procurement', e.target.value as Form['procurement'])}
        >
          {yesNoOptions}
        </SelectField>
        {form.procurement === 'yes' ? (
          <WanField
            label={t('profile.procurement.amount')}
            value={form.procurementWan}
            onChange={(e) => set('procurementWan', e.target.value)}
            error={errors['governmentProcurementContract.amountYuan']}
          />
        ) : null}
      </>
    ),
    hiring: (
      <>
        <TextField
          label={t('profile.hiring.total')}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={form.newHires}
          onChange={(e) => set('newHires', e.target.value)}
          error={errors['hiring.newHiresLast12Months']}
        />
        <TextField
          label={t('profile.hiring.target')}
          hint={t('profile.hiring.targetHint')}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={form.newHiresTarget}
          onChange={(e) => set('newHiresTarget', e.target.value)}
          error={errors['hiring.newHiresFromTargetGroups']}
        />
      </>
    ),
    jobRetentionRate: (
      <TextField
        label={t('profile.retention')}
        hint={t('profile.retention.hint')}
        type="number"
        inputMode="decimal"
        min={0}
        max={100}
        step="0.1"
        value={form.retentionPercent}
        onChange={(e) => set('retentionPercent', e.target.value)}
        error={errors.jobRetentionRate}
      />
    ),
    credit: (
      <>
        <p className="hint">{t('profile.credit.hint')}</p>
        {CREDIT_KEYS.map((k) => (
          <SelectField
            key={k}
            label={t(`profile.credit.${k}`)}
            value={form.credit[k]}
            onChange={(e) =>
              set('credit', { ...form.credit, [k]: e.target.value as '' | 'yes' | 'no' })
            }
          >
            {yesNoOptions}
          </SelectField>
        ))}
      </>
    ),
  };
  // A control sits in its section unless a question asks for it at the top.
  const inSection = (field: string) => (isAsked(field) ? null : controls[field]);

  return (
    <>
      <PageTitle>{t('profile.title')}</PageTitle>
      <p>{t('profile.intro')}</p>
      {fromDraft ? (
        <p className="notice" role="status">
          {t('profile.draftRestored')}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              localStorage.removeItem(DRAFT_KEY);
              setFromDraft(false);
              setForm(enterprise.data?.profile ? fromProfile(enterprise.data.profile) : EMPTY);
            }}
          >
            {t('profile.discardDraft')}
          </button>
        </p>
      ) : null}
      <ErrorSummary error={error} />
      <form onSubmit={(e) => void submit(e)} noValidate={false}>
        {questions.length ? (
          <fieldset className="questions">
            <legend>{t('profile.questions')}</legend>
            <p className="hint">{t('profile.questionsHint')}</p>
            {questions.map((q) => (
              <div key={q.field} className="question">
                <p>
                  <strong>{pick(q.label)}</strong>{' '}
                  {q.settles.length ? (
                    <span className="meta">
                      {t('profile.settles', {
                        products: q.settles
                          .map((c) => pick(productNames.get(c)) || c)
                          .join(lang === 'zh' ? '、' : ', '),
                      })}
                    </span>
                  ) : null}
                </p>
                {Object.hasOwn(controls, q.field) ? (
                  controls[q.field]
                ) : (
                  <p className="hint">{t('profile.noControl')}</p>
                )}
              </div>
            ))}
          </fieldset>
        ) : null}
        <fieldset>
          <legend>{t('profile.section.identity')}</legend>
          <TextField
            label={t('profile.name')}
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
            required
            error={errors.name}
            autoComplete="organization"
          />
          <SelectField
            label={t('profile.entityType')}
            value={form.entityType}
            onChange={(e) => set('entityType', e.target.value as Form['entityType'])}
            error={errors.entityType}
          >
            {Object.keys(ENTITY_TYPES).map((k) => (
              <option key={k} value={k}>
                {label(ENTITY_TYPES, k as Form['entityType'], lang)}
              </option>
            ))}
          </SelectField>
          {inSection('uscc')}
          {inSection('regionCode')}
          {inSection('industryCode')}
          {inSection('establishedOn')}
        </fieldset>
        <fieldset>
          <legend>{t('profile.section.scale')}</legend>
          {inSection('employees')}
          {inSection('annualRevenueYuan')}
          {inSection('totalAssetsYuan')}
          {inSection('taxPaidLastYearYuan')}
          {inSection('taxRelief')}
          {inSection('inIndustrialPark')}
        </fieldset>
        <fieldset>
          <legend>{t('profile.section.qualifications')}</legend>
          {inSection('certifications')}
          {inSection('agriOperatorType')}
          {inSection('listings')}
        </fieldset>
        <fieldset>
          <legend>{t('profile.section.credit')}</legend>
          {inSection('credit')}
        </fieldset>
        <fieldset hidden={MORE.every(isAsked)}>
          <legend>{t('profile.section.more')}</legend>
          {inSection('founder')}
          {inSection('receivables')}
          {inSection('governmentProcurementContract')}
          {inSection('hiring')}
          {inSection('jobRetentionRate')}
        </fieldset>
        <fieldset>
          <legend>{t('profile.section.need')}</legend>
          <WanField
            label={t('profile.need.amount')}
            value={form.needWan}
            onChange={(e) => set('needWan', e.target.value)}
            required
            error={errors['financingNeed.amountYuan']}
          />
          <TextField
            label={t('profile.need.term')}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={form.termMonths}
            onChange={(e) => set('termMonths', e.target.value)}
            required
            error={errors['financingNeed.termMonths']}
          />
          <SelectField
            label={t('profile.need.purpose')}
            value={form.purpose}
            onChange={(e) => set('purpose', e.target.value as Form['purpose'])}
          >
            {Object.keys(PURPOSES).map((k) => (
              <option key={k} value={k}>
                {label(PURPOSES, k as Form['purpose'], lang)}
              </option>
            ))}
          </SelectField>
          <CheckField
            label={t('profile.need.collateral')}
            checked={form.collateralAvailable}
            onChange={(e) => set('collateralAvailable', e.target.checked)}
          />
        </fieldset>
        <button type="submit" disabled={busy}>
          {t('profile.submit')}
        </button>
      </form>
    </>
  );
}
