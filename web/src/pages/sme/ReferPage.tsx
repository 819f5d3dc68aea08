import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import {
  CheckField,
  ErrorSummary,
  fieldErrors,
  Loading,
  PageTitle,
  SelectField,
  TextField,
  useLoad,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { DATA_CATEGORIES } from '../../labels';
import { myEnterprise, productsByCode } from './data';

type Category = keyof typeof DATA_CATEGORIES;
/** What the bank receives: everything but the founder's categories (sensitive personal data). */
const SHARED: Category[] = [
  'identity',
  'scale',
  'qualifications',
  'employment',
  'credit',
  'finances',
  'financing_need',
];

/** The consent text exactly as shown, in both languages; the service stores it with the referral. */
function consentText(product: { zh: string; en: string }, bank: string | null) {
  const list = (i: 0 | 1) => SHARED.map((c) => DATA_CATEGORIES[c][i]).join(i === 0 ? '、' : ', ');
  return {
    zh:
      `本企业同意将以下信息提供给${bank ? `合作银行（${bank}）` : '本服务为本企业选定的、服务本企业所在地区的合作银行'}，` +
      `仅用于办理「${product.zh}」贷款申请的审查与联系：${list(0)}。` +
      '银行可据此与本企业联系。本企业可在银行批准前随时撤回申请；撤回后银行不再处理该申请。',
    en:
      `We agree that the following information is given to ${bank ? `the partner bank ${bank}` : 'a partner bank serving our region, chosen by this service'}, ` +
      `only to assess and follow up our application for ${product.en}: ${list(1)}. ` +
      'The bank may contact us about it. We may withdraw the application at any time before the bank approves it; the bank then stops processing it.',
  };
}

export function ReferPage() {
  const { code = '' } = useParams();
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [bank, setBank] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // One key per form: a double click or a retry after a network error submits once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const data = useLoad(
    async () => [await myEnterprise(), (await productsByCode()).get(code)] as const,
    [code],
  );
  const errors = fieldErrors(error);

  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  const [enterprise, product] = data.data;
  if (!enterprise?.profile || !product) return <ErrorSummary error={t('refer.unavailable')} />;
  const need = enterprise.profile.financingNeed;
  const text = consentText(product.name, bank || null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!enterprise) return;
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const created = await call(
        api.POST('/api/v1/referrals', {
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          body: {
            enterpriseId: enterprise.id,
            productCode: code,
            ...(bank ? { bankCode: bank } : {}),
            requestedAmountYuan: Math.round(Number(form.get('amountWan')) * 10000),
            termMonths: Number(form.get('termMonths')),
            consent: { granted: true, text, dataCategories: SHARED },
          },
        }),
      );
      void navigate(`/sme/referrals/${created.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>{t('refer.title', { name: pick(product.name) })}</PageTitle>
      <ErrorSummary error={error} />
      <form onSubmit={(e) => void submit(e)}>
        <TextField
          label={t('refer.amount')}
          hint={t('profile.wanHint')}
          name="amountWan"
          type="number"
          inputMode="decimal"
          min={0}
          step="0.01"
          defaultValue={need.amountYuan / 10000}
          required
          error={errors.requestedAmountYuan}
        />
        <TextField
          label={t('refer.term')}
          name="termMonths"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          defaultValue={need.termMonths}
          required
          error={errors.termMonths}
        />
        <SelectField
          label={t('refer.bank')}
          value={bank}
          onChange={(e) => setBank(e.target.value)}
          error={errors.bankCode}
        >
          <option value="">{t('refer.bankAuto')}</option>
          {product.partnerBankCodes.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </SelectField>
        <section className="consent" aria-labelledby="consent-h">
          <h2 id="consent-h">{t('refer.consentTitle')}</h2>
          <p lang="zh-CN">{text.zh}</p>
          <p lang="en">{text.en}</p>
        </section>
        <CheckField
          label={t('refer.agree')}
          checked={agreed}
          onChange={(e) => setAgreed(e.target.checked)}
          required
        />
        <button type="submit" disabled={busy || !agreed}>
          {t('refer.submit')}
        </button>
      </form>
    </>
  );
}
