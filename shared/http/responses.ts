import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A JSON response with the API's content type. */
export function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}
