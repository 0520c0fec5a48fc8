import { reportParams, reportQuery } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { reportHtml } from '../../shared/reports/html.ts';
import { reportFileName, reportWorkbook } from '../../shared/reports/xlsx.ts';
import { readReport } from '../../shared/services/reports.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/reports/{kind}?campaignId&year|phaseId&format=json|xlsx|html */
export const handler = apiHandler(
  { query: reportQuery, params: reportParams },
  async ({ caller, query, params, now }) => {
    const report = await readReport(caller, params.kind, query, now);
    if (query.format === 'xlsx') {
      return {
        file: {
          contentType: XLSX,
          bytes: await reportWorkbook(report),
          fileName: reportFileName(report, 'xlsx'),
        },
      };
    }
    if (query.format === 'html') {
      return {
        file: {
          contentType: 'text/html; charset=utf-8',
          text: reportHtml(report),
          fileName: reportFileName(report, 'html'),
          inline: true,
        },
      };
    }
    return { body: report };
  },
);
