// The people records made sign-ins: the user pool is reconciled with every person of every cell
// (missing users created with the invitation, attributes and groups set right, users of people no
// longer on the records disabled), for the Office's reconcile command.
import { cellRepository } from '../data/cells.ts';
import { personRepository } from '../data/people.ts';
import { type Drift, directoryUserOf } from '../domain/identity-sync.ts';
import { ENV, requireEnv } from '../env.ts';
import { reconcile } from '../identity/cognito-users.ts';

/** What the reconcile found and, with `fix`, set right. */
export interface IdentityReport {
  readonly people: number;
  readonly drift: readonly Drift[];
  readonly fixed: number;
}

/** Compares the user pool with the people records; with `fix`, makes the pool match them. */
export async function reconcileIdentities({ fix }: { readonly fix: boolean }): Promise<IdentityReport> {
  const cells = await cellRepository.list();
  const people = (await Promise.all(cells.map((cell) => personRepository.listByCell(cell.id)))).flat();
  const users = people.map(directoryUserOf);
  const { drift, fixed } = await reconcile(requireEnv(ENV.userPoolId), users, { fix });
  return { people: users.length, drift, fixed };
}

/** One line in Vietnamese for each difference, as the command prints it. */
export function describeDrift(item: Drift): string {
  switch (item.kind) {
    case 'missing':
      return `${item.username}: chưa có tài khoản đăng nhập`;
    case 'attributes':
      return `${item.username}: thông tin tài khoản khác hồ sơ (${item.names.join(', ')})`;
    case 'groups':
      return `${item.username}: vai trò khác hồ sơ (thêm: ${item.add.join(', ') || 'không'}; bỏ: ${item.remove.join(', ') || 'không'})`;
    case 'disabled':
      return `${item.username}: tài khoản đang bị khóa dù người này còn trong hồ sơ`;
    case 'orphan':
      return `${item.username}: tài khoản còn mở nhưng không có trong hồ sơ`;
  }
}
