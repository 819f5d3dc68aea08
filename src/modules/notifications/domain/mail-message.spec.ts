import { composeNotificationMail, composePasswordResetMail, escapeHtml } from './mail-message';

describe('escapeHtml', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['a & b', 'a &amp; b'],
    [`"x" 'y'`, '&quot;x&quot; &#39;y&#39;'],
    ['中文', '中文'],
  ])('should escape %s', (input, out) => {
    expect(escapeHtml(input)).toBe(out);
  });
});

describe('composeNotificationMail', () => {
  const n = {
    title: { zh: '「科贷通」申请已获批', en: 'Kedaitong approved' },
    body: { zh: '批准金额150万元。', en: 'Approved for CNY 1,500,000 <b>now</b>.' },
  };
  const mail = composeNotificationMail(n, 'https://sfm.example/notifications');

  it('should put both titles in the subject, Chinese first', () => {
    expect(mail.subject).toBe('「科贷通」申请已获批 | Kedaitong approved');
  });

  it('should carry both languages in the text and the HTML part', () => {
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('批准金额150万元。');
      expect(part).toContain('https://sfm.example/notifications');
    }
    expect(mail.text.indexOf('批准金额')).toBeLessThan(mail.text.indexOf('Approved for'));
    expect(mail.text).toContain('Approved for CNY 1,500,000 <b>now</b>.');
  });

  it('should escape what it puts into HTML', () => {
    expect(mail.html).toContain('&lt;b&gt;now&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>now</b>');
  });

  it('should say how to turn mail off, in both languages', () => {
    expect(mail.text).toMatch(/关闭/);
    expect(mail.text).toMatch(/turn email notifications off/);
  });
});

describe('composePasswordResetMail', () => {
  it('should carry the link and its lifetime in both languages', () => {
    const link = 'https://sfm.example/password/reset?token=abc_DEF-123';
    const mail = composePasswordResetMail(link, 60);
    expect(mail.text.split(link)).toHaveLength(3);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain('60 分钟');
    expect(mail.text).toContain('within 60 minutes');
  });
});
