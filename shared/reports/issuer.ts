// Who a report is from, taken from the organization's profile so that no report names the committee
// in code: the header line ("ĐẢNG BỘ SỞ TƯ PHÁP — VĂN PHÒNG ĐẢNG ỦY") and the file's author.
import { DEMO_ORGANIZATION_PROFILE, type OrganizationProfile } from '../domain/organization-profile.ts';

/** A report's issuer as printed. */
export interface ReportIssuer {
  /** The header line, in capitals. */
  readonly header: string;
  /** The Office, as the file's author. */
  readonly office: string;
}

/** The issuer lines of a profile. */
export function reportIssuer(profile: OrganizationProfile): ReportIssuer {
  return {
    header: `${profile.partyOrganization} — ${profile.office}`.toLocaleUpperCase('vi'),
    office: profile.office,
  };
}

/** The issuer until the Office saves a profile: the default profile's. */
export const DEFAULT_REPORT_ISSUER = reportIssuer(DEMO_ORGANIZATION_PROFILE);
