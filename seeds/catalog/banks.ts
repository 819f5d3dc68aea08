/**
 * Demo partner banks: the banks that docs/domain/programmes.md names as lending under a seeded programme.
 * They are seeded without a webhook URL; an admin adds one (and an API key) to take live referrals.
 *
 * Regions: national banks and 江西银行 lend province-wide (all 11 cities). A local bank lists
 * its own city plus the places where the sources show it lending.
 */
import type { SeedBank } from './seed-types';

/** Jiangxi's 11 prefecture-level cities (regions.json). */
export const JIANGXI_CITY_CODES: readonly string[] = [
  '360100', // 南昌市
  '360200', // 景德镇市
  '360300', // 萍乡市
  '360400', // 九江市
  '360500', // 新余市
  '360600', // 鹰潭市
  '360700', // 赣州市
  '360800', // 吉安市
  '360900', // 宜春市
  '361000', // 抚州市
  '361100', // 上饶市
];

export const BANKS: readonly SeedBank[] = [
  {
    // 财园信贷通 product page (docs/domain/programmes.md); 政采贷 in 金溪县, one of 6 partners.
    code: 'SHANGRAO_BANK',
    name: { zh: '上饶银行', en: 'Shangrao Bank' },
    regionCodes: ['361100', '361027'],
  },
  {
    // 财政惠农信贷通, 崇义县.
    code: 'ABC',
    name: { zh: '中国农业银行', en: 'Agricultural Bank of China' },
    regionCodes: [...JIANGXI_CITY_CODES],
  },
  {
    // 财政惠农信贷通, 江西省分行 (南昌新建).
    code: 'PSBC',
    name: { zh: '中国邮政储蓄银行', en: 'Postal Savings Bank of China' },
    regionCodes: [...JIANGXI_CITY_CODES],
  },
  {
    // 科贷通, 2016, 江西省分行.
    code: 'CCB',
    name: { zh: '中国建设银行', en: 'China Construction Bank' },
    regionCodes: [...JIANGXI_CITY_CODES],
  },
  {
    // 科贷通, 2016, 江西省分行.
    code: 'BOCOM',
    name: { zh: '交通银行', en: 'Bank of Communications' },
    regionCodes: [...JIANGXI_CITY_CODES],
  },
  {
    // 科贷通, 2016. A city rural commercial bank: its own city only.
    code: 'JINGDEZHEN_RCB',
    name: { zh: '景德镇农村商业银行', en: 'Jingdezhen Rural Commercial Bank' },
    regionCodes: ['360200'],
  },
  {
    // 科贷通, 2025 examples.
    code: 'BOC',
    name: { zh: '中国银行', en: 'Bank of China' },
    regionCodes: [...JIANGXI_CITY_CODES],
  },
  {
    // 文企贷; 融资信用服务平台 and 推荐清单. Province-wide.
    code: 'JIANGXI_BANK',
    name: { zh: '江西银行', en: 'Jiangxi Bank' },
    regionCodes: [...JIANGXI_CITY_CODES],
  },
  {
    // 政采贷: first loan in 新余.
    code: 'JIUJIANG_BANK',
    name: { zh: '九江银行', en: 'Bank of Jiujiang' },
    regionCodes: ['360400', '360500'],
  },
];
