// asl-validator ships JavaScript without type declarations; this is the part the engine uses.
declare module 'asl-validator' {
  interface AslValidationError {
    'Error code': string;
    Message: string;
    schemaError?: { instancePath?: string };
  }
  interface AslValidationResult {
    isValid: boolean;
    errors: AslValidationError[];
    errorsText(separator?: string): string;
  }
  function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): AslValidationResult;
  export = aslValidator;
}
