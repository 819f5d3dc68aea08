/**
 * The emails the service sends to people: bilingual (Chinese first), plain text plus HTML, and
 * carrying nothing beyond what the notification itself says. Pure: links and times are passed in.
 */
import type { Bilingual } from './notification-texts';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an HTML element or attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

interface Section {
  lang: 'zh-CN' | 'en';
  heading: string;
  paragraphs: string[];
  /** Every mail leads somewhere: each section ends with its link. */
  link: { href: string; label: string };
}

function render(subject: string, sections: Section[], footer: Bilingual): MailContent {
  const text = [
    ...sections.map((s) =>
      [s.heading, '', ...s.paragraphs, '', `${s.link.label}: ${s.link.href}`].join('\n'),
    ),
    `${footer.zh}\n${footer.en}`,
  ].join('\n\n----\n\n');
  const html = [
    '<!doctype html>',
    `<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.6; max-width: 40em">',
    ...sections.map(
      (s) =>
        `<section lang="${s.lang}"><h2>${escapeHtml(s.heading)}</h2>` +
        s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
        `<p><a href="${escapeHtml(s.link.href)}">${escapeHtml(s.link.label)}</a></p>` +
        '</section><hr>',
    ),
    `<p style="color: #555"><small>${escapeHtml(footer.zh)}<br>` +
      `<span lang="en">${escapeHtml(footer.en)}</span></small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/**
 * A notification as an email.
 *
 * @param n the notification's title and body, as the service shows them
 * @param inboxUrl where the SME reads its notifications in the service
 */
export function composeNotificationMail(
  n: { title: Bilingual; body: Bilingual },
  inboxUrl: string,
): MailContent {
  return render(
    `${n.title.zh} | ${n.title.en}`,
    [
      {
        lang: 'zh-CN',
        heading: n.title.zh,
        paragraphs: [n.body.zh],
        link: { href: inboxUrl, label: '在平台上查看' },
      },
      {
        lang: 'en',
        heading: n.title.en,
        paragraphs: [n.body.en],
        link: { href: inboxUrl, label: 'Read it in the service' },
      },
    ],
    {
      zh: '这封邮件由融资匹配服务自动发送。如不想再收到邮件通知，可在账户设置中关闭。',
      en: 'Sent automatically by the SME finance matching service. You can turn email notifications off in your account settings.',
    },
  );
}

/**
 * A password-reset link as an email.
 *
 * @param link the one-time link (it carries the token)
 * @param validMinutes how long the link works
 */
export function composePasswordResetMail(link: string, validMinutes: number): MailContent {
  return render(
    '重设密码 | Reset your password',
    [
      {
        lang: 'zh-CN',
        heading: '重设您的密码',
        paragraphs: [
          `我们收到了重设您账户密码的请求。请在 ${validMinutes} 分钟内打开下面的链接设置新密码，链接只能使用一次。`,
          '如果这不是您本人的操作，请忽略这封邮件，您的密码不会改变。',
        ],
        link: { href: link, label: '设置新密码' },
      },
      {
        lang: 'en',
        heading: 'Reset your password',
        paragraphs: [
          `Someone asked to reset the password of your account. Open the link below within ${validMinutes} minutes to choose a new one; it works once.`,
          'If it was not you, ignore this email and your password stays as it is.',
        ],
        link: { href: link, label: 'Choose a new password' },
      },
    ],
    {
      zh: '这封邮件由融资匹配服务自动发送，请勿直接回复。',
      en: 'Sent automatically by the SME finance matching service; replies are not read.',
    },
  );
}
