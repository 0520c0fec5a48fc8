// The one set of AWS credentials the local endpoints accept, and the region
// they answer for. They are public (README): the point of checking them is
// not secrecy but that a request must carry a real SigV4 signature — which a
// web page on another site cannot produce without a CORS preflight the local
// endpoints never grant.

/** Credentials the local endpoints accept (`AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local`). */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** The region the local endpoints sign for. */
export const LOCAL_REGION = 'us-east-1';
