import { reportParams, reportQuery } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { reportHtml } from '../../shared/reports/html.ts';
import { reportIssuer } from '../../shared/reports/issuer.ts';
import { reportFileName, reportWorkbook } from '../../shared/reports/xlsx.ts';
import { currentProfile } from '../../shared/services/organization-profile.ts';
import { readReport } from '../../shared/services/reports.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/reports/{kind}?campaignId&year|phaseId&format=json|xlsx|html */
export const handler = apiHandler(
  { query: reportQuery, params: reportParams },
  async ({ caller, query, params, now }) => {
    const report = await readReport(caller, params.kind, query, now);
    if (query.format === 'json') return { body: report };
    const issuer = reportIssuer(await currentProfile());
    if (query.format === 'xlsx') {
      return {
        file: {
          contentType: XLSX,
          bytes: await reportWorkbook(report, issuer),
          fileName: reportFileName(report, 'xlsx'),
        },
      };
    }
    if (query.format === 'html') {
      return {
        file: {
          contentType: 'text/html; charset=utf-8',
          text: reportHtml(report, issuer),
          fileName: reportFileName(report, 'html'),
          inline: true,
        },
      };
    }
    return { body: report };
  },
);
