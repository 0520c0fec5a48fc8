import { describe, expect, it } from 'vitest';
import { isPermanentSendError, sendFailureReason } from '../../../shared/domain/outbox.ts';
import { sesSource } from '../../../shared/mail/mailer.ts';
import { addressTo, greeting, lastDayText, mailContent } from '../../../shared/mail/templates.ts';

describe('the sender as SES takes it (https://docs.aws.amazon.com/ses/latest/APIReference/API_SendEmail.html)', () => {
  it('encodes a Vietnamese display name as a MIME encoded-word, since SES has no SMTPUTF8', () => {
    // Act
    const source = sesSource('Văn phòng Đảng ủy <van-phong@stp.example.vn>');
    // Assess
    expect(source).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <van-phong@stp\.example\.vn>$/);
    const encoded = /^=\?UTF-8\?B\?(.+)\?=/.exec(source)?.[1] ?? '';
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe('Văn phòng Đảng ủy');
  });

  it('quotes an ASCII display name and leaves a bare address as it is', () => {
    // Act and assess
    expect(sesSource('Van phong "DU" <vp@stp.example.vn>')).toBe('"Van phong \\"DU\\"" <vp@stp.example.vn>');
    expect(sesSource('vp@stp.example.vn')).toBe('vp@stp.example.vn');
    expect(sesSource('<vp@stp.example.vn>')).toBe('vp@stp.example.vn');
  });
});

describe('messages addressed to one person', () => {
  it('greets by name, and by title when the message goes to someone in a role', () => {
    // Act and assess
    expect(greeting({ email: 'tien.cv@stp.example.vn', name: 'Cao Văn Tiến' })).toBe(
      'Kính gửi đồng chí Cao Văn Tiến,',
    );
    expect(greeting({ email: 'a@b.vn', name: 'Nguyễn Văn An', title: 'Bí thư Chi bộ Văn phòng Sở' })).toBe(
      'Kính gửi đồng chí Nguyễn Văn An, Bí thư Chi bộ Văn phòng Sở,',
    );
  });

  it('puts the greeting first in both parts, escapes the HTML and addresses only that person', () => {
    // Prepare
    const content = mailContent('Thử <b>', ['Đoạn một & hai'], { url: 'http://x/?a=1&b=2', label: 'Xem' });
    // Act
    const mail = addressTo({ email: 'tien.cv@stp.example.vn', name: 'Cao Văn Tiến' }, content);
    // Assess
    expect(mail.to).toEqual(['tien.cv@stp.example.vn']);
    expect(
      mail.text.startsWith('Kính gửi đồng chí Cao Văn Tiến,\n\nĐoạn một & hai\n\nXem: http://x/?a=1&b=2'),
    ).toBe(true);
    expect(mail.html).toContain('<p>Kính gửi đồng chí Cao Văn Tiến,</p>');
    expect(mail.html).toContain('Đoạn một &#38; hai');
    expect(mail.html).toContain('<title>Thử &#60;b&#62;</title>');
  });

  it('states a deadline as the pages do: the last day, not the exclusive instant after it', () => {
    // Act and assess
    expect(lastDayText('2017-08-31T17:00:00.000Z')).toBe('hết ngày 31/08/2017');
    expect(lastDayText('2017-12-30T17:00:00.000Z')).toBe('hết ngày 30/12/2017');
  });
});

describe('why a message could not be sent, for the Office', () => {
  it('tells a refusal no retry cures from an outage', () => {
    // Act and assess
    expect(isPermanentSendError('MessageRejected')).toBe(true);
    expect(isPermanentSendError('MailFromDomainNotVerifiedException')).toBe(true);
    expect(isPermanentSendError('ServiceUnavailable')).toBe(false);
    expect(isPermanentSendError('Throttling')).toBe(false);
  });

  it('says it in Vietnamese, without the service’s codes', () => {
    // Act
    const reasons = [
      'MessageRejected',
      'MailFromDomainNotVerifiedException',
      'ConfigurationSetDoesNotExist',
      'InvalidParameterValue',
      'ServiceUnavailable',
    ].map((name) => sendFailureReason(name, 17));
    // Assess
    expect(reasons.at(-1)).toBe('Máy chủ thư tạm thời không nhận thư; đã thử lại 17 lần mà chưa được.');
    for (const reason of reasons) expect(reason).not.toMatch(/[A-Z][a-z]+[A-Z]|SES/);
  });
});
