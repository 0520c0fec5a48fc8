// The start page: sign in (a seeded person locally, Cognito's hosted UI on AWS); then what is due,
// the step of the campaign's calendar we are in, the caller's cells and models, and the calendars.
import {
  formatDate,
  formatLocalDate,
  formatMonthDay,
  lastDayBefore,
  registrationWindow,
  registrationYearFor,
} from '../../shared/domain/calendar.ts';
import { cycleSteps, cycleYearAt } from '../../shared/domain/cycle-steps.ts';
import type { Model } from '../../shared/domain/model.ts';
import { KIND_LABELS } from '../../shared/domain/model-kinds.ts';
import { STATUS_LABELS, shownStatus } from '../../shared/domain/model-status.ts';
import { ROLE_BADGES, type Role } from '../../shared/domain/roles.ts';
import { taskDeadline } from '../../shared/domain/tasks.ts';
import { TIER_LABELS } from '../../shared/domain/tiers.ts';
import { type Campaign, PHASE_REVIEW_LABELS } from '../../shared/domain/types.ts';
import { ApiError, api } from '../lib/api.ts';
import { systemNow } from '../lib/clock.ts';
import { runtimeConfig } from '../lib/config.ts';
import { byId, contentArea, escapeHtml, param } from '../lib/dom.ts';
import { mountHeader } from '../lib/header.ts';
import { showPageError } from '../lib/page.ts';
import { authorizeUrl } from '../lib/pkce.ts';
import { type Me, meOf, scheduleRenewal, sessions } from '../lib/session.ts';
import { CLOSE_WHEN_DONE } from '../lib/sign-in-prompt.ts';
import { openTasks, registrationOpenFor, type Task } from '../lib/tasks.ts';

interface LocalUser {
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly cellId: string;
  readonly cellName?: string;
}

const main = contentArea();

/** Where to go after signing in: a page of this site the guard sent us from, else home. */
function nextPage(): string | undefined {
  const next = param('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : undefined;
}

async function signInLocally(username: string): Promise<void> {
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error('Không đăng nhập được.');
  const { token, refreshToken } = (await response.json()) as { token: string; refreshToken?: string };
  sessions.save({ token, local: true, ...(refreshToken ? { refreshToken } : {}) });
  if (param('next') === CLOSE_WHEN_DONE) {
    // Opened by the sign-in prompt of another tab, which carries on with the new session.
    window.close();
    return;
  }
  const next = nextPage();
  if (next) location.href = next;
  else await render();
}

async function renderSignIn(): Promise<void> {
  await mountHeader(undefined);
  const config = await runtimeConfig();
  if (config.authUrl && config.userPoolClientId) {
    const { authUrl, userPoolClientId } = config;
    main.innerHTML = `<section class="card"><h2>Đăng nhập</h2>
      <p><button type="button" id="hosted-ui">Đăng nhập bằng tài khoản của Đảng bộ</button></p></section>`;
    byId('hosted-ui').addEventListener('click', async () => {
      const next = param('next') === CLOSE_WHEN_DONE ? CLOSE_WHEN_DONE : (nextPage() ?? '/');
      location.href = await authorizeUrl({ authUrl, userPoolClientId }, next);
    });
    return;
  }
  if (!config.local) {
    main.innerHTML = `<section class="card"><h2>Đăng nhập</h2>
      <p>Trang web chưa được cấu hình đăng nhập. Vui lòng báo Văn phòng Đảng ủy.</p></section>`;
    return;
  }
  const { users } = (await (await fetch('/local/users')).json()) as { users: LocalUser[] };
  const byCell = new Map<string, LocalUser[]>();
  for (const user of users) byCell.set(user.cellId, [...(byCell.get(user.cellId) ?? []), user]);
  main.innerHTML = `<section class="card" aria-labelledby="sign-in-title"><h2 id="sign-in-title">Đăng nhập (máy cục bộ)</h2>
    <p class="muted">Chọn một người trong tổ chức mẫu để dùng thử hệ thống với vai trò của người đó.</p>
    ${[...byCell.values()]
      .map(
        (people) =>
          `<h3 class="muted">${escapeHtml(people[0]?.cellName ?? people[0]?.cellId)}</h3><div class="users">${people
            .map(
              (user) =>
                `<button type="button" data-username="${escapeHtml(user.username)}">${escapeHtml(user.name)}<small>${escapeHtml(
                  user.username,
                )} · ${user.roles.map((role) => escapeHtml(ROLE_BADGES[role] ?? role)).join(', ')}</small></button>`,
            )
            .join('')}</div>`,
      )
      .join('')}</section>`;
  for (const button of main.querySelectorAll<HTMLButtonElement>('button[data-username]')) {
    button.addEventListener('click', () => {
      signInLocally(button.dataset.username ?? '').catch(showPageError);
    });
  }
}

function stepsHtml(campaign: Campaign, year: number, now: Date): string {
  return `<ol class="steps" id="cycle-steps">${cycleSteps(campaign, year, now)
    .map(
      (
        step,
      ) => `<li class="step ${step.state}" data-step="${step.key}"${step.state === 'current' ? ' aria-current="step"' : ''}>
        <strong>${escapeHtml(step.label)}</strong> <span>${escapeHtml(step.when)}</span>
        ${step.state === 'current' ? '<span class="badge ok">đang diễn ra</span>' : step.state === 'done' ? '<span class="badge">đã xong</span>' : ''}</li>`,
    )
    .join('')}</ol>`;
}

function calendarHtml(campaign: Campaign): string {
  const c = campaign.calendar;
  return `<dl class="facts">
    <dt>Thời gian</dt><dd>${formatLocalDate(campaign.period.from)} – ${formatLocalDate(campaign.period.to)}</dd>
    <dt>Đăng ký mô hình</dt><dd>từ ${formatMonthDay(c.registrationOpens)} đến hết ${formatMonthDay(c.registrationCloses)} hằng năm (năm ${campaign.registrationYears.join(', ')})</dd>
    <dt>Tự đánh giá</dt><dd>chậm nhất ${formatMonthDay(c.selfAssessmentDeadline)} năm sau</dd>
    <dt>Xét, công nhận</dt><dd>chậm nhất ${formatMonthDay(c.reviewDeadline)} năm sau</dd>
    <dt>Báo cáo hằng năm</dt><dd>${formatMonthDay(c.annualReport)} hằng năm</dd>
    ${campaign.phases
      .map(
        (phase) =>
          `<dt>${escapeHtml(phase.name)}</dt><dd>${PHASE_REVIEW_LABELS[phase.review]} chậm nhất ngày ${formatLocalDate(phase.reviewDeadline)}</dd>`,
      )
      .join('')}
  </dl>`;
}

function modelsList(models: readonly Model[]): string {
  if (models.length === 0) return '<p class="muted">Chưa có mô hình nào.</p>';
  return `<ul class="model-list" id="my-models">${models
    .map(
      (m) => `<li><a href="/model.html?id=${encodeURIComponent(m.id)}">${escapeHtml(m.title)}</a>
        <span class="badge">${escapeHtml(KIND_LABELS[m.kind])}</span>
        <span class="badge status-${escapeHtml(m.status)}">${escapeHtml(STATUS_LABELS[shownStatus(m.status)])}</span>
        ${m.tier ? `<span class="badge ok">${escapeHtml(TIER_LABELS[m.tier])}</span>` : ''}</li>`,
    )
    .join('')}</ul>`;
}

function registerHtml(me: Me, campaign: Campaign, now: Date): string {
  if (!me.roles.includes('secretary') && !me.roles.includes('member')) return '';
  const open = registrationOpenFor(me, campaign, now);
  if (open !== undefined) {
    const closes = lastDayBefore(registrationWindow(campaign, open).closesBefore);
    return `<section class="card cta" aria-labelledby="register-title">
      <h2 id="register-title">Đăng ký mô hình năm ${open}</h2>
      <p>Đang trong thời hạn đăng ký, đến hết ngày ${formatLocalDate(closes)}.</p>
      <p><a class="button" href="/register.html" id="register-link">Đăng ký mô hình</a></p></section>`;
  }
  const next = registrationYearFor(campaign, now);
  const window = next === undefined ? undefined : registrationWindow(campaign, next);
  return `<section class="card" aria-labelledby="register-title"><h2 id="register-title">Đăng ký mô hình</h2>
    <p>${
      window && window.opensAt.getTime() > now.getTime()
        ? `Thời hạn đăng ký năm ${next} từ ngày ${formatDate(window.opensAt)} đến hết ngày ${formatLocalDate(lastDayBefore(window.closesBefore))}.`
        : 'Phong trào không còn năm đăng ký nào.'
    } Văn phòng Đảng ủy có thể gia hạn cho chi bộ.</p></section>`;
}

function daysLeftText(daysLeft: number): string {
  if (daysLeft > 0) return `còn ${daysLeft} ngày`;
  if (daysLeft === 0) return 'hôm nay là ngày cuối';
  return `đã quá hạn ${-daysLeft} ngày`;
}

/** The caller's tasks: each with its form's link, its last day and the days left. */
function tasksHtml(tasks: readonly Task[], now: Date): string {
  if (tasks.length === 0) return '<p class="muted" id="tasks">Hiện không có việc nào đến hạn.</p>';
  return `<ul class="tasks" id="tasks">${tasks
    .map((task) => {
      const deadline = taskDeadline(task, now);
      const when =
        task.kind === 'failed_mail'
          ? 'cần gửi lại hoặc sửa địa chỉ'
          : `hạn hết ngày <span class="task-due">${deadline.lastDay}</span> (${daysLeftText(deadline.daysLeft)})`;
      return `<li data-kind="${escapeHtml(task.kind)}"${task.modelId ? ` data-model-id="${escapeHtml(task.modelId)}"` : ''}>
        <a href="${escapeHtml(task.link)}">${escapeHtml(task.title)}</a>
        ${task.supervised ? '<span class="badge ok">Chi bộ bạn theo dõi</span>' : ''}
        <span class="muted">— ${when}</span></li>`;
    })
    .join('')}</ul>`;
}

async function renderHome(me: Me): Promise<void> {
  await mountHeader(me);
  const [campaigns, cells, now, tasks] = await Promise.all([
    api<{ items: Campaign[] }>('/api/campaigns'),
    api<{ items: { id: string; name: string }[] }>('/api/cells'),
    systemNow(),
    openTasks(),
  ]);
  const campaign = campaigns.items.find((c) => c.status === 'active') ?? campaigns.items[0];
  const year = campaign ? cycleYearAt(campaign, now) : undefined;
  const models =
    campaign && year !== undefined
      ? (
          await api<{ items: Model[] }>(
            `/api/models?campaignId=${encodeURIComponent(campaign.id)}&year=${year}`,
          )
        ).items
      : [];
  const readsAll = me.roles.some((r) => ['office', 'committee', 'inspector'].includes(r));
  const modelsTitle = readsAll
    ? `Các mô hình năm ${year}`
    : me.roles.includes('secretary')
      ? `Mô hình của chi bộ năm ${year}`
      : `Mô hình của bạn năm ${year}`;
  main.innerHTML = `
    <section class="card" aria-labelledby="tasks-title"><h2 id="tasks-title">Việc cần làm</h2>${tasksHtml(tasks, now)}</section>
    ${campaign ? registerHtml(me, campaign, now) : ''}
    ${
      campaign && year !== undefined
        ? `<section class="card" aria-labelledby="cycle-title"><h2 id="cycle-title">${escapeHtml(campaign.name)}: năm ${year}</h2>
          <p class="muted">Hôm nay: ${formatDate(now)}</p>${stepsHtml(campaign, year, now)}</section>`
        : ''
    }
    <section class="card" aria-labelledby="cells-title">
      <h2 id="cells-title">${readsAll ? 'Các chi bộ' : 'Chi bộ của bạn'}</h2>
      <ul id="cells">${cells.items
        .map(
          (cell) =>
            `<li data-cell-id="${escapeHtml(cell.id)}"><a href="/cell.html?id=${encodeURIComponent(cell.id)}">${escapeHtml(cell.name)}</a>${
              cell.id === me.cellId ? ' <span class="badge ok">Chi bộ của bạn</span>' : ''
            }</li>`,
        )
        .join('')}</ul>
    </section>
    ${campaign ? `<section class="card" aria-labelledby="models-title"><h2 id="models-title">${modelsTitle}</h2>${modelsList(models)}</section>` : ''}
    ${campaigns.items
      .map(
        (c) => `<section class="card" aria-labelledby="campaign-${escapeHtml(c.id)}">
          <details><summary><h2 id="campaign-${escapeHtml(c.id)}" class="inline">Lịch: ${escapeHtml(c.name)}</h2></summary>${calendarHtml(c)}</details></section>`,
      )
      .join('')}`;
}

async function render(): Promise<void> {
  const session = await sessions.fresh();
  // Already signed in (in another tab, say) and sent here from a page: go straight back to it.
  const next = nextPage();
  if (session && next) {
    location.replace(next);
    return;
  }
  try {
    if (!session) await renderSignIn();
    else await renderHome(meOf(session));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return renderSignIn();
    showPageError(error);
  }
}

scheduleRenewal();
render().catch(showPageError);
