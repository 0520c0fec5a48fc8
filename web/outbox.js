// Reads the local SES outbox: newest first, click a row to read the message.
import { escapeHtml, formatDateTime } from './lib/format.js';

const list = document.getElementById('messages');
const viewer = document.getElementById('message');

async function show(id) {
  const message = await (await fetch(`/local/outbox/${encodeURIComponent(id)}`)).json();
  viewer.hidden = false;
  viewer.innerHTML = `<h2>${escapeHtml(message.subject)}</h2>
    <p class="muted">Từ: ${escapeHtml(message.from)}<br>Đến: ${escapeHtml(message.to.join(', '))}<br>Lúc: ${formatDateTime(message.date)}
    · <a href="/local/outbox/${encodeURIComponent(id)}.eml">tải tệp .eml</a></p>
    <iframe title="Nội dung thư" sandbox style="width:100%;min-height:24rem;border:1px solid #e0e0e0" srcdoc="${escapeHtml(message.html || `<pre>${escapeHtml(message.text)}</pre>`)}"></iframe>`;
  viewer.focus();
}

async function load() {
  const { items } = await (await fetch('/local/outbox')).json();
  if (items.length === 0) {
    list.innerHTML = '<tr><td colspan="3" class="muted">Chưa có thư nào.</td></tr>';
    return;
  }
  list.innerHTML = items
    .slice()
    .reverse()
    .map(
      (m) => `<tr><td>${formatDateTime(m.date)}</td><td>${escapeHtml(m.to.join(', '))}</td>
        <td><a href="#${escapeHtml(m.id)}" data-id="${escapeHtml(m.id)}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join('');
  for (const link of list.querySelectorAll('a[data-id]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      show(link.dataset.id);
    });
  }
}

viewer.tabIndex = -1;
load();
