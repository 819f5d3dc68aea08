import { CheckField, SelectField } from '../../components/ui';
import { useI18n } from '../../i18n';
import { DATA_CATEGORIES } from '../../labels';

type Category = keyof typeof DATA_CATEGORIES;
/** What the bank receives: everything but the founder's categories (sensitive personal data). */
export const SHARED: Category[] = [
  'identity',
  'scale',
  'qualifications',
  'employment',
  'credit',
  'finances',
  'financing_need',
];

/** A partner bank as the SME chooses it: by name (the code is what the API takes). */
export type BankRef = { code: string; name: { zh: string; en: string } };

/** The SME's choices that shape the consent text: the bank (or none: the service picks) and re-routing. */
export interface ConsentChoice {
  /** The chosen bank, or null: the service picks one. */
  bank: BankRef | null;
  allowReroute: boolean;
  agreed: boolean;
}

export const NO_CHOICE: ConsentChoice = { bank: null, allowReroute: false, agreed: false };

/**
 * The consent text exactly as shown, in both languages; the service stores it with the referral
 * (and, on a re-route, with the new bank's consent record). `next`: the SME moves an existing
 * application on, so a bank the service picks is "another" one. The re-routing clause follows the
 * server's own (src/modules/referrals/domain/consent.ts) and appears only when the SME allows it.
 */
export function consentText(
  product: { zh: string; en: string },
  { bank, allowReroute }: Pick<ConsentChoice, 'bank' | 'allowReroute'>,
  next = false,
) {
  const list = (i: 0 | 1) => SHARED.map((c) => DATA_CATEGORIES[c][i]).join(i === 0 ? '、' : ', ');
  const auto = next
    ? {
        zh: '本服务为本企业另选的、服务本企业所在地区的合作银行',
        en: 'another partner bank serving our region, chosen by this service',
      }
    : {
        zh: '本服务为本企业选定的、服务本企业所在地区的合作银行',
        en: 'a partner bank serving our region, chosen by this service',
      };
  const reroute = allowReroute
    ? {
        zh:
          '如该银行未在约定的工作日内受理，或未批准本申请（本企业放弃银行方案的除外），' +
          '本企业同意本服务将本申请连同上述信息转给该产品在本企业所在地区的下一家合作银行办理；' +
          '接手的银行同样只获得上述信息，一笔申请最多转给三家银行。',
        en:
          ' If that bank does not acknowledge the application within the agreed working days, or ' +
          'declines it (unless we turned its offer down), we agree that this service passes the ' +
          'application, with the same information, to the next partner bank of the product in our ' +
          'region; each bank that takes it over receives only that information, and one application ' +
          'goes to at most three banks.',
      }
    : { zh: '', en: '' };
  return {
    zh:
      `本企业同意将以下信息提供给${bank ? bank.name.zh : auto.zh}，` +
      `仅用于办理「${product.zh}」贷款申请的审查与联系：${list(0)}。` +
      '银行可据此与本企业联系。本企业可在银行批准前随时撤回申请；撤回后银行不再处理该申请。' +
      reroute.zh,
    en:
      `We agree that the following information is given to ${bank ? `the partner bank ${bank.name.en}` : auto.en}, ` +
      `only to assess and follow up our application for ${product.en}: ${list(1)}. ` +
      'The bank may contact us about it. We may withdraw the application at any time before the bank approves it; the bank then stops processing it.' +
      reroute.en,
  };
}

/**
 * The consent part of a form (a new application, or moving one to another bank): the optional
 * bank, the text in full as it will be stored, the re-routing permission, and the agreement.
 */
export function ConsentFields({
  product,
  banks,
  choice,
  onChange,
  next = false,
  error,
}: {
  product: { zh: string; en: string };
  /** Banks the SME may name (besides letting the service pick). */
  banks: readonly BankRef[];
  choice: ConsentChoice;
  onChange(choice: ConsentChoice): void;
  next?: boolean;
  error?: string;
}) {
  const { t, pick } = useI18n();
  const text = consentText(product, choice, next);
  const set = (patch: Partial<ConsentChoice>) => onChange({ ...choice, ...patch });
  return (
    <>
      <SelectField
        label={t('refer.bank')}
        value={choice.bank?.code ?? ''}
        onChange={(e) => set({ bank: banks.find((b) => b.code === e.target.value) ?? null })}
        error={error}
      >
        <option value="">{t(next ? 'reroute.bankAuto' : 'refer.bankAuto')}</option>
        {banks.map((b) => (
          <option key={b.code} value={b.code}>
            {pick(b.name)}
          </option>
        ))}
      </SelectField>
      <CheckField
        label={t('refer.allowReroute')}
        hint={t('refer.allowRerouteHint')}
        checked={choice.allowReroute}
        onChange={(e) => set({ allowReroute: e.target.checked })}
      />
      <section className="consent" aria-labelledby={next ? 'reroute-consent-h' : 'consent-h'}>
        <h2 id={next ? 'reroute-consent-h' : 'consent-h'} className={next ? 'h3' : undefined}>
          {t('refer.consentTitle')}
        </h2>
        <p lang="zh-CN">{text.zh}</p>
        <p lang="en">{text.en}</p>
      </section>
      <CheckField
        label={t('refer.agree')}
        checked={choice.agreed}
        onChange={(e) => set({ agreed: e.target.checked })}
        required
      />
    </>
  );
}
