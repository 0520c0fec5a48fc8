// The local SES outbox: newest first, choose a message to read it.
import { formatDateTime } from '../../shared/domain/calendar.ts';
import { isLocalRuntime } from '../lib/config.ts';
import { byId, contentArea, escapeHtml } from '../lib/dom.ts';
import { mountHeader } from '../lib/header.ts';
import { run } from '../lib/page.ts';
import { meOf, sessions } from '../lib/session.ts';
import { cardTable } from '../lib/table.ts';

interface Summary {
  readonly id: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly date: string;
}

interface Message extends Summary {
  readonly from: string;
  readonly text: string;
  readonly html?: string;
}

const content = contentArea();

async function show(id: string): Promise<void> {
  const message = (await (await fetch(`/local/outbox/${encodeURIComponent(id)}`)).json()) as Message;
  const viewer = byId('message');
  viewer.hidden = false;
  viewer.innerHTML = `<h2>${escapeHtml(message.subject)}</h2>
    <p class="muted">Từ: ${escapeHtml(message.from)}<br>Đến: ${escapeHtml(message.to.join(', '))}<br>Lúc: ${formatDateTime(new Date(message.date))}
    · <a href="/local/outbox/${encodeURIComponent(id)}.eml">tải tệp .eml</a></p>
    <iframe class="mail" title="Nội dung thư" sandbox srcdoc="${escapeHtml(message.html || `<pre style="white-space:pre-wrap">${escapeHtml(message.text)}</pre>`)}"></iframe>`;
  viewer.focus();
}

run(async () => {
  const session = sessions.current();
  await mountHeader(session ? meOf(session) : undefined);
  // Deployed, mail goes out through SES and there is no outbox to read.
  if (!(await isLocalRuntime())) {
    content.innerHTML =
      '<section class="card"><p>Hộp thư này chỉ có khi hệ thống chạy trên máy cục bộ.</p><p><a href="/">Về trang chủ</a></p></section>';
    return;
  }
  const { items } = (await (await fetch('/local/outbox')).json()) as { items: Summary[] };
  content.innerHTML = `<section class="card">
      <p class="muted">Các thư hệ thống gửi qua SES được lưu ở đây (thư mục <code>.data/outbox/</code>).</p>
      ${cardTable({
        id: 'messages',
        caption: 'Thư đã gửi, mới nhất trước',
        columns: [{ label: 'Thời gian' }, { label: 'Người nhận' }, { label: 'Tiêu đề' }],
        rows: items
          .slice()
          .reverse()
          .map((m) => ({
            cells: [
              formatDateTime(new Date(m.date)),
              escapeHtml(m.to.join(', ')),
              `<a href="#${escapeHtml(m.id)}" data-id="${escapeHtml(m.id)}">${escapeHtml(m.subject)}</a>`,
            ],
          })),
        empty: 'Chưa có thư nào.',
      })}
    </section>
    <section class="card" id="message" tabindex="-1" hidden aria-live="polite"></section>`;
  for (const link of content.querySelectorAll<HTMLAnchorElement>('a[data-id]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      show(link.dataset.id ?? '').catch(() => undefined);
    });
  }
});
