// The page for an address that does not exist.
import { contentArea } from '../lib/dom.ts';
import { mountHeader } from '../lib/header.ts';
import { meOf, sessions } from '../lib/session.ts';

const session = sessions.current();
mountHeader(session ? meOf(session) : undefined)
  .then(() => {
    contentArea().innerHTML = `<section class="card" aria-labelledby="not-found-title">
      <h2 id="not-found-title">Không tìm thấy trang</h2>
      <p>Địa chỉ này không có trên trang web “Dân vận khéo”. Có thể đường dẫn đã cũ hoặc bị gõ sai.</p>
      <p><a class="button" href="/">Về trang chủ</a></p></section>`;
  })
  .catch(() => undefined);
