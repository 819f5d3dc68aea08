import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import {
  ErrorSummary,
  fieldErrors,
  Loading,
  PageTitle,
  TextField,
  useLoad,
  WanField,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { ConsentFields, consentText, NO_CHOICE, SHARED } from './Consent';
import { myEnterprise, productsByCode } from './data';

export function ReferPage() {
  const { code = '' } = useParams();
  const { t, lang, pick } = useI18n();
  const navigate = useNavigate();
  const [choice, setChoice] = useState(NO_CHOICE);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // One key per form: a double click or a retry after a network error submits once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const data = useLoad(
    async () => [await myEnterprise(), (await productsByCode()).get(code)] as const,
    [code],
  );
  const errors = fieldErrors(error, lang);

  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  const [enterprise, product] = data.data;
  if (!enterprise?.profile || !product) return <ErrorSummary error={t('refer.unavailable')} />;
  const need = enterprise.profile.financingNeed;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!enterprise || !product) return;
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
            ...(choice.bank ? { bankCode: choice.bank.code } : {}),
            requestedAmountYuan: Math.round(Number(form.get('amountWan')) * 10000),
            termMonths: Number(form.get('termMonths')),
            consent: {
              granted: true,
              text: consentText(product.name, choice),
              dataCategories: SHARED,
              allowReroute: choice.allowReroute,
            },
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
        <WanField
          label={t('refer.amount')}
          name="amountWan"
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
        <ConsentFields
          product={product.name}
          banks={product.partnerBanks ?? []}
          choice={choice}
          onChange={setChoice}
          error={errors.bankCode}
        />
        <button type="submit" disabled={busy || !choice.agreed}>
          {t('refer.submit')}
        </button>
      </form>
    </>
  );
}
