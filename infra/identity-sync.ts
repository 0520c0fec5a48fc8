// `npm run identity:sync [-- --fix]`: reports how the Cognito user pool differs from the people
// records and, with --fix, sets it right. Reads TABLE_NAME and USER_POOL_ID (and the usual AWS
// credentials and region) from the environment, as the deployed functions do.
import { describeDrift, reconcileIdentities } from '../shared/services/identity-sync.ts';

const fix = process.argv.includes('--fix');
const report = await reconcileIdentities({ fix });
console.log(`Đã đối chiếu ${report.people} người trong hồ sơ với nhóm người dùng Cognito.`);
if (report.drift.length === 0) console.log('Không có khác biệt.');
for (const item of report.drift) console.log(`- ${describeDrift(item)}`);
if (fix) console.log(`Đã sửa ${report.fixed} khác biệt.`);
else if (report.drift.length > 0) console.log('Chạy lại với --fix để sửa.');
